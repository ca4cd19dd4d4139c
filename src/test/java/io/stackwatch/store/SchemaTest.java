package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's schema: migrated by Flyway when behind, opened without it when current. */
@Tag("postgres")
class SchemaTest {

  @Test
  void theVersionTheStoreChecksIsTheNewestMigrationShipped() throws Exception {
    Pattern name = Pattern.compile("V(\\d+)__.+\\.sql");
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      int newest =
          files
              .map(f -> name.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
      assertThat(Database.SCHEMA_VERSION).isEqualTo(newest);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aStoreAtTheNewestVersionOpensWithoutFlywayAndAnEmptyOneIsMigrated(String kind)
      throws Exception {
    String url = TestDatabases.fresh(kind);
    try (Database db = new Database(url, null, null, 2)) {
      try (Connection c = db.connection();
          Statement s = c.createStatement()) {
        // Migrated: the newest migration's tables are there. Then an applied script's checksum is
        // made wrong, which Flyway's validation refuses.
        s.execute("SELECT COUNT(*) FROM history_block");
        s.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 1 WHERE \"version\" = '1'");
      }
    }
    Flyway flyway = Flyway.configure().dataSource(url, null, null).load();
    assertThatThrownBy(flyway::migrate).hasMessageContaining("checksum mismatch");
    // Reopened without Flyway: the store is current, so nothing validates the checksums.
    try (Database db = new Database(url, null, null, 2);
        Connection c = db.connection();
        Statement s = c.createStatement()) {
      assertThat(s.execute("SELECT COUNT(*) FROM history_block")).isTrue();
    }
  }
}
