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
  @Inject EvidenceCollector evidence;
  @Inject io.stackwatch.poll.CostJob costs;
  @Inject io.stackwatch.notify.NotifyJob notifier;
  @Inject io.stackwatch.aws.SimulatorBridge runtime;
  @Inject io.stackwatch.audit.Audit audit;

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

  /**
   * The acceptance for failing checks: dev's planted findings (Redis open to the world, an
   * unattached 100 GiB volume, a log group kept 3 days, ERROR lines) fail their checks, which count
   * on dev's card on {@code /} and on {@code /maintenance} beside the overdue chores, and appear in
   * the next daily digest; prod, clean, has none.
   */
  @Test
  @Order(5)
  void devsPlantedFailingChecksShowOnTheOverviewTheMaintenancePageAndTheDigest() {
    later(Duration.between(clock.instant(), Instant.parse("2027-01-15T09:00:00Z")));
    costs.refresh();
    evidence.run();
    snapshots.publishMaintenance();

    List<String> failing =
        snapshots.current().environment("dev").orElseThrow().failingChecks().orElseThrow().stream()
            .map(c -> c.item().title())
            .toList();
    assertThat(failing)
        .contains(
            "Check application logs for errors",
            "Review security group rules",
            "Check for unused resources",
            "Review backup retention policies");
    assertThat(snapshots.current().environment("prod").orElseThrow().failingChecks())
        .contains(List.of());
    String overview = given().get("/").then().statusCode(200).extract().asString();
    String dev = card(overview, "dev");
    assertThat(dev)
        .containsPattern(
            "Maintenance</a>: <span class=\"state alarm\">\\d+ overdue, "
                + failing.size()
                + " checks failing</span>")
        .contains(
            "(Check application logs for errors, Review security group rules and "
                + (failing.size() - 2)
                + " more)");
    assertThat(card(overview, "prod")).doesNotContain("failing");

    String page = given().get("/maintenance").then().statusCode(200).extract().asString();
    String devRow = page.substring(page.indexOf("href=\"/maintenance/dev\""));
    devRow = devRow.substring(0, devRow.indexOf("</tr>"));
    assertThat(devRow)
        .contains("data-label=\"Checks failing\">" + failing.size() + "</td>")
        .contains("port 6379 open to 0.0.0.0/0")
        .contains("(dev-load-test-data), 100 GiB, not attached")
        .contains("log group /aws/apigateway/dev retains 3 days");

    // Weeks since the last poll (this test moves the clock by months): the digest waits its two
    // hours for an evaluation, then goes out saying it lacks one.
    assertThat(notifier.tick().digests()).isZero();
    later(Duration.ofHours(2));
    assertThat(notifier.tick().digests()).isEqualTo(3);
    List<io.stackwatch.simulator.PublishedMessage> digests =
        runtime
            .simulator()
            .sns()
            .published(io.stackwatch.simulator.SnsHandler.arn("us-east-1", "dev-notifications"));
    assertThat(digests.get(digests.size() - 1).message())
        .contains("Failing maintenance checks: " + failing.size() + " chores:\n")
        .contains("- Review security group rules: ")
        .contains("port 6379 open to 0.0.0.0/0")
        .contains("- Check for unused resources: ")
        .contains("(dev-load-test-data), 100 GiB, not attached")
        .contains(
            "- Review backup retention policies: log group /aws/apigateway/dev retains 3 days")
        .contains("- Check application logs for errors: /aws/lambda/dev-worker: 12 ERROR lines");
    List<io.stackwatch.simulator.PublishedMessage> prod =
        runtime
            .simulator()
            .sns()
            .published(io.stackwatch.simulator.SnsHandler.arn("us-east-1", "prod-notifications"));
    assertThat(prod.get(prod.size() - 1).message()).doesNotContain("Failing maintenance checks");
  }

  /**
   * Signing off a chore whose latest check failed asks for a reason: without one the form comes
   * back with a 400 naming what failed, and nothing is recorded; with one the sign-off keeps the
   * reason and what the check said, and so does the audit trail.
   */
  @Test
  @Order(6)
  void aFailingChoreIsSignedOffOnlyWithAReasonKeptInTheSignOffAndTheAudit() {
    int before = maintenance.history("dev", "review-security-groups").size();
    Response refused = signOff("dev", "review-security-groups", "Ada", "looked", "");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.asString())
        .contains("Not signed off:")
        .contains("The latest check of &quot;Review security group rules&quot; failed (")
        .contains("port 6379 open to 0.0.0.0/0")
        .contains("give a reason to sign it off anyway");
    assertThat(maintenance.history("dev", "review-security-groups")).hasSize(before);
    assertThat(given().get("/maintenance/dev").asString()).contains("name=\"reason\" required");

    signOff(
            "dev",
            "review-security-groups",
            "Ada",
            "looked",
            "dev Redis is reachable only through the VPN's NAT; ticket OPS-42 closes it")
        .then()
        .statusCode(303);

    MaintenanceStore.SignOff s = maintenance.history("dev", "review-security-groups").get(0);
    assertThat(s.by()).isEqualTo("Ada");
    assertThat(s.reason())
        .contains("dev Redis is reachable only through the VPN's NAT; ticket OPS-42 closes it");
    assertThat(s.failingCheck()).get().asString().contains("port 6379 open to 0.0.0.0/0");
    try (Database again = new Database(store.jdbcUrl(), null, null, 2)) {
      assertThat(
              new MaintenanceStore(again).history("dev", "review-security-groups").get(0).reason())
          .as("stored")
          .isEqualTo(s.reason());
    }
    assertThat(audit.recent(5))
        .filteredOn(e -> e.action().equals("maintenance.sign-off"))
        .first()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo("dev/review-security-groups");
              assertThat(e.detail())
                  .startsWith("by Ada: looked; signed off while its check failed (")
                  .contains("port 6379 open to 0.0.0.0/0")
                  .endsWith(
                      "reason: dev Redis is reachable only through the VPN's NAT; ticket OPS-42"
                          + " closes it");
            });
    assertThat(given().get("/maintenance/dev").asString())
        .contains("Signed off while its check failed (")
        .contains("Reason: dev Redis is reachable only through the VPN&#39;s NAT");
    // A chore whose check passes needs none.
    signOff("prod", "check-logs", "Ada", "", "").then().statusCode(303);
  }

  private static String card(String overview, String environment) {
    String card =
        overview.substring(overview.indexOf("aria-labelledby=\"env-" + environment + "\""));
    return card.substring(0, card.indexOf("</section>"));
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
    return signOff(environment, item, by, note, null);
  }

  private static Response signOff(
      String environment, String item, String by, String note, String reason) {
    Form form = form(environment);
    io.restassured.specification.RequestSpecification request =
        given()
            .cookie("csrf-token", form.cookie())
            .formParam("csrf-token", form.token())
            .formParam("by", by)
            .formParam("note", note);
    if (reason != null) {
      request = request.formParam("reason", reason);
    }
    return request
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
