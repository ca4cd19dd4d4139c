package io.stackwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.security.Role;
import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import io.stackwatch.store.StoreUnavailableException;
import io.stackwatch.store.TestDatabases;
import io.stackwatch.web.api.StatusResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/status} while the store is away: everyone learns that it is unavailable; only an
 * admin reads why (the reason may name the database's host and port).
 */
@Tag("plain")
class StoreDetailsTest {

  static SecurityIdentity as(Role role) {
    QuarkusSecurityIdentity.Builder b =
        QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(role.roleName()));
    role.withIncluded().forEach(r -> b.addRole(r.roleName()));
    return b.build();
  }

  @Test
  void onlyAnAdminReadsWhyTheStoreIsAway() throws Exception {
    String url = TestDatabases.fresh("h2");
    new Database(url, null, null, 2).close();
    Path file = Path.of(url.substring("jdbc:h2:file:".length()) + ".mv.db");
    AwsConfig aws =
        new SmallRyeConfigBuilder()
            .withMapping(AwsConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .build()
            .getConfigMapping(AwsConfig.class);
    try (Database db = new Database(url + ";IFEXISTS=TRUE", null, null, 2, Duration.ofSeconds(1))) {
      try (Connection c = db.connection();
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      Files.move(file, Path.of(file + ".away"));
      try (Connection c = db.connection()) {
        throw new AssertionError("the store should be away");
      } catch (StoreUnavailableException expected) {
        // now it says why
      }
      Leadership leadership = new Leadership(db);
      StatusResource.StatusJson viewer = StatusResource.of(db, leadership, aws, as(Role.VIEWER));
      StatusResource.StatusJson operator =
          StatusResource.of(db, leadership, aws, as(Role.OPERATOR));
      StatusResource.StatusJson admin = StatusResource.of(db, leadership, aws, as(Role.ADMIN));
      assertThat(viewer.storeAvailable()).isFalse();
      assertThat(viewer.storeError()).isNull();
      assertThat(operator.storeError()).isNull();
      assertThat(admin.storeError()).isNotBlank();
      Files.move(Path.of(file + ".away"), file);
    }
  }
}
