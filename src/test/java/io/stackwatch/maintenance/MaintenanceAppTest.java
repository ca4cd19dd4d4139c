package io.stackwatch.maintenance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.poll.PollJob;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Database;
import io.stackwatch.store.StoreConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The schedule through the application: the test clock moves from Thursday 26 November 2026 into
 * the next quarter; chores fall due and overdue, sign-offs through the CSRF-protected form reset
 * them, an overdue critical chore raises the warning alarm, and sign-offs survive a restart.
 */
@QuarkusTest
@TestProfile(MaintenanceAppTest.OwnClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceAppTest {

  /** An application of its own, as this test moves the clock by months. */
  public static class OwnClock implements QuarkusTestProfile {}

  private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @Inject TestClock clock;
  @Inject PollJob poll;
  @Inject Snapshots snapshots;
  @Inject AlarmEngine alarms;
  @Inject Maintenance maintenance;
  @Inject StoreConfig store;

  @Test
  @Order(1)
  void aPostWithoutAValidCsrfTokenIsRefusedAndRecordsNothing() {
    given()
        .formParam("by", "Mallory")
        .formParam("note", "forged")
        .redirects()
        .follow(false)
        .post("/maintenance/prod/review-security-groups/sign-off")
        .then()
        .statusCode(400);
    Form form = form("prod");
    given()
        .cookie("csrf-token", form.cookie())
        .formParam("csrf-token", form.token() + "x")
        .formParam("by", "Mallory")
        .redirects()
        .follow(false)
        .post("/maintenance/prod/review-security-groups/sign-off")
        .then()
        .statusCode(400);
    assertThat(maintenance.history("prod", "review-security-groups")).isEmpty();
    assertThat(status("prod", "review-security-groups")).isEqualTo("due");
  }

  @Test
  @Order(2)
  void choresFallDueAndOverdueOnTheirDaysAndSignOffsResetThem() {
    // Tracked from Thursday 26 November 12:00:05; weekly grace 2 days.
    later(Duration.ofDays(1)); // Friday 27th
    assertThat(status("prod", "review-security-groups")).isEqualTo("due");
    later(Duration.ofDays(1)); // Saturday 28th 12:00:05: grace over
    assertThat(status("prod", "review-security-groups")).isEqualTo("overdue");
    assertThat(status("prod", "review-dashboards")).isEqualTo("overdue");
    assertThat(status("prod", "capacity-planning")).isEqualTo("due");

    poll.run();
    assertThat(alarm("prod").state()).isEqualTo(AlarmState.ALARM);
    assertThat(alarm("dev").state()).isEqualTo(AlarmState.ALARM);

    signOff("prod", "review-security-groups", "Ada", "5432 and 6379 closed to the app only")
        .then()
        .statusCode(303);
    signOff("prod", "review-backup-retention", "Ada", "").then().statusCode(303);
    assertThat(status("prod", "review-security-groups")).isEqualTo("done");
    later(Duration.ofMinutes(5)); // the next poll
    poll.run();
    assertThat(alarm("prod").state()).isEqualTo(AlarmState.OK);
    assertThat(alarm("dev").state()).isEqualTo(AlarmState.ALARM);

    // Monday 30th 00:00: a new week, due again; Wednesday 2 December: overdue again.
    later(Duration.between(clock.instant(), Instant.parse("2026-11-30T00:00:00Z")));
    assertThat(status("prod", "review-security-groups")).isEqualTo("due");
    later(Duration.ofDays(2));
    assertThat(status("prod", "review-security-groups")).isEqualTo("overdue");

    // Quarterly, grace 14 days: overdue from 10 December 12:00:05.
    later(Duration.between(clock.instant(), Instant.parse("2026-12-10T12:00:00Z")));
    assertThat(status("prod", "capacity-planning")).isEqualTo("due");
    later(Duration.ofSeconds(5));
    assertThat(status("prod", "capacity-planning")).isEqualTo("overdue");
    assertThat(given().get("/q/metrics").asString())
        .contains(
            "stackwatch_maintenance_overdue{environment=\"prod\",check=\"capacity-planning\","
                + "cadence=\"quarterly\"} 1.0")
        .contains(
            "stackwatch_maintenance_last_done_timestamp_seconds{environment=\"prod\","
                + "check=\"review-security-groups\",cadence=\"weekly\"} 1.795867205E9");
    assertThat(snapshots.current().environment("prod").orElseThrow().overdue().orElseThrow())
        .extracting(s -> s.item().title())
        .contains("Infrastructure capacity planning");

    signOff("prod", "capacity-planning", "Grace", "storage good for 200 days")
        .then()
        .statusCode(303);
    later(Duration.between(clock.instant(), Instant.parse("2026-12-31T23:59:00Z")));
    assertThat(status("prod", "capacity-planning")).isEqualTo("done");
    later(Duration.ofMinutes(1)); // 1 January 2027: a new quarter
    assertThat(status("prod", "capacity-planning")).isEqualTo("due");
    later(Duration.ofDays(14));
    assertThat(status("prod", "capacity-planning")).isEqualTo("overdue");
    // A global chore is one for every environment.
    assertThat(status("global", "update-terraform-modules")).isEqualTo("overdue");
  }

  @Test
  @Order(3)
  void signOffsSurviveARestartAndShowAsHistory() {
    assertThat(given().get("/maintenance/prod").asString())
        .contains("5432 and 6379 closed to the app only")
        .contains("Ada");
    try (Database again = new Database(store.jdbcUrl(), null, null, 2)) {
      MaintenanceStore restarted = new MaintenanceStore(again);
      assertThat(restarted.history("prod", "review-security-groups"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.by()).isEqualTo("Ada");
                assertThat(s.note()).isEqualTo("5432 and 6379 closed to the app only");
                assertThat(s.at()).isEqualTo(Instant.parse("2026-11-28T12:00:05Z"));
                assertThat(s.sourceAddress()).isPresent();
              });
      assertThat(restarted.lastDone()).containsKey("prod/capacity-planning");
    }
  }

  @Test
  @Order(4)
  void badInputIsAClearErrorNotAServerError() {
    Form form = form("prod");
    given()
        .cookie("csrf-token", form.cookie())
        .formParam("csrf-token", form.token())
        .formParam("by", "  ")
        .post("/maintenance/prod/security-audit/sign-off")
        .then()
        .statusCode(400);
    given().get("/maintenance/nowhere").then().statusCode(404);
    given().get("/api/maintenance/nowhere").then().statusCode(404);
    given()
        .cookie("csrf-token", form.cookie())
        .formParam("csrf-token", form.token())
        .formParam("by", "Ada")
        .post("/maintenance/dev/disaster-recovery-test/sign-off")
        .then()
        .statusCode(404);
    assertThat(maintenance.history("prod", "security-audit")).isEmpty();
  }

  /** Time passes; the snapshot shows the schedule as of then, as the next poll's would. */
  private void later(Duration d) {
    clock.advance(d);
    snapshots.publishMaintenance();
  }

  private record Form(String cookie, String token) {}

  private static Form form(String environment) {
    Response page = given().get("/maintenance/" + environment);
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = TOKEN.matcher(page.asString());
    assertThat(m.find()).isTrue();
    return new Form(page.getCookie("csrf-token"), m.group(1));
  }

  private static Response signOff(String environment, String item, String by, String note) {
    Form form = form(environment);
    return given()
        .cookie("csrf-token", form.cookie())
        .formParam("csrf-token", form.token())
        .formParam("by", by)
        .formParam("note", note)
        .redirects()
        .follow(false)
        .post("/maintenance/" + environment + "/" + item + "/sign-off");
  }

  private static String status(String environment, String item) {
    List<Map<String, Object>> items =
        given()
            .get("/api/maintenance/" + environment)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return items.stream()
        .filter(i -> i.get("id").equals(item))
        .map(i -> (String) i.get("status"))
        .findFirst()
        .orElseThrow();
  }

  private AlarmStatus alarm(String environment) {
    return alarms.statuses(environment).stream()
        .filter(s -> s.instance().id().equals("maintenance-critical-overdue"))
        .findFirst()
        .orElseThrow();
  }
}
