package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.audit.Audit;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.maintenance.MaintenanceStore.SignOff;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Lists that grow for ever are read a page at a time: after 3,000 sign-offs of one chore (each with
 * its audit row, as the form makes them) the maintenance page, its JSON and the audit trail stay
 * small, and forty readers at once are all answered.
 */
@QuarkusTest
@TestProfile(BoundedPagesTest.OwnStore.class)
class BoundedPagesTest {

  /** An application of its own: the 3,000 sign-offs stay out of the other tests' store. */
  public static class OwnStore implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.render.max-age", "0s");
    }
  }

  static final int SIGN_OFFS = 3_000;
  static final int LIMIT = 200 * 1024;

  @Inject Audit audit;
  @Inject Maintenance maintenance;
  @Inject TestClock clock;

  @Test
  void threeThousandSignOffsLeaveEveryPageSmall() throws Exception {
    String chore = maintenance.checklist().itemsOf("prod").get(0).id();
    String note = "checked the dashboards, the logs and the cost; ".repeat(40);
    for (int i = 0; i < SIGN_OFFS; i++) {
      clock.advance(Duration.ofSeconds(1));
      SignOff s =
          maintenance.signOffOf("prod", chore, "olga", note, Optional.of("10.0.0." + (i % 250)));
      audit.record(
          "olga",
          "maintenance.sign-off",
          "prod/" + chore,
          "10.0.0.1",
          c -> {
            MaintenanceStore.insert(c, s);
            return "by olga: " + note;
          });
    }
    assertThat(maintenance.history("prod", chore)).hasSize(SIGN_OFFS);

    List<String> paths =
        List.of(
            "/maintenance/prod",
            "/maintenance",
            "/api/maintenance/prod",
            "/admin",
            "/admin/audit",
            "/admin/audit?page=2",
            "/api/audit",
            "/api/audit?page=30");
    StringBuilder sizes = new StringBuilder();
    for (String path : paths) {
      byte[] body = given().get(path).then().statusCode(200).extract().asByteArray();
      sizes.append(String.format("%s %,d bytes; ", path, body.length));
      assertThat(body.length).as(path).isLessThan(LIMIT);
    }
    String page = given().get("/maintenance/prod").asString();
    assertThat(page).contains("older ones are kept, not shown");
    assertThat(given().get("/api/maintenance/prod").jsonPath().getList("history[0]"))
        .hasSize(Maintenance.HISTORY_SHOWN);
    assertThat(given().get("/api/audit?page=30").jsonPath().getList("$")).hasSize(Audit.LISTED);
    assertThat(given().get("/admin/audit?page=2").asString()).contains("/admin/audit?page=3");
    given().get("/api/audit?page=0").then().statusCode(400);
    given().get("/admin/audit?page=x").then().statusCode(400);

    // Forty readers at once.
    ExecutorService readers = Executors.newFixedThreadPool(40);
    long started = System.nanoTime();
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(readers.submit(() -> given().get("/maintenance/prod").statusCode()));
      }
      for (Future<Integer> a : answers) {
        assertThat(a.get()).isEqualTo(200);
      }
    } finally {
      readers.shutdownNow();
    }
    System.out.printf(
        "After %,d sign-offs: %s40 concurrent readers of /maintenance/prod in %d ms%n",
        SIGN_OFFS, sizes, (System.nanoTime() - started) / 1_000_000);
  }
}
