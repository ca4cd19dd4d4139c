package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.Severity;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.notify.NotifyJob;
import io.stackwatch.notify.NotifyTopics;
import io.stackwatch.notify.message.Message;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.poll.CostJob;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.Faults.Kind;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault the simulator plays, for CloudWatch, Cost Explorer and SNS: pages keep serving (200)
 * the last good data marked stale, and the first good poll after it restores fresh data. Also: a
 * query CloudWatch refuses is found by splitting the request, reported and skipped while the rest
 * is collected; an environment whose role STS refuses goes stale alone.
 */
@QuarkusTest
@TestProfile(ShortTimeouts.class)
class FaultModesTest {

  @Inject PollJob job;
  @Inject CostJob costJob;
  @Inject NotifyJob notifier;
  @Inject Outbox outbox;
  @Inject NotifyTopics topics;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  AwsSimulator sim() {
    return runtime.simulator();
  }

  /**
   * Credentials that last {@link #LIFETIME}, from before the first call of whichever test runs
   * first. The SDK counts credentials within a minute of their expiry as stale: it keeps such an
   * answer for one second ({@code CachedSupplier}'s floor for a value fetched stale), then assumes
   * the role again, and fails the call when that fails.
   */
  @BeforeEach
  void shortLivedCredentials() {
    sim().sts().credentialLifetime(LIFETIME);
    warmUp(); // after, so its poll assumes dev's role for short-lived credentials too
  }

  static final Duration LIFETIME = Duration.ofSeconds(1);

  private static boolean warm;

  /**
   * Each client's first calls, before the first test asserts (see {@link ShortTimeouts}). The clock
   * then moves on so that the first test's first poll, like a fresh application's, reads every
   * series: a slow refresh (15 minutes) after the warm-up's poll.
   */
  void warmUp() {
    if (warm) {
      return;
    }
    ShortTimeouts.untilItSucceeds(
        "a cost refresh",
        () -> {
          clock.advance(ShortTimeouts.COST_REFRESH);
          return costJob.refresh().failures().isEmpty();
        });
    String subject = "[prod] warm-up";
    outbox.enqueue(
        List.of(
            new Delivery(
                topics.alerts("prod").orElseThrow(),
                new Message("prod", NotificationEvent.FIRING, Severity.CRITICAL, subject, "body"))),
        clock.instant());
    ShortTimeouts.untilItSucceeds(
        "a publish",
        () -> {
          notifier.tick();
          clock.advance(ShortTimeouts.OUTBOX_RETRY);
          return outbox.pending().stream().noneMatch(m -> m.subject().equals(subject));
        });
    ShortTimeouts.untilItSucceeds("a poll", () -> poll().failures().isEmpty());
    clock.advance(Duration.ofMinutes(10));
    warm = true;
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
  }

  PollResult poll() {
    clock.advance(Duration.ofMinutes(5));
    return job.run().poll();
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {
        "THROTTLE",
        "SERVER_ERROR",
        "DELAY",
        "MALFORMED",
        "GARBAGE",
        "EMPTY",
        "PARTIAL_DATA"
      })
  void everyCloudWatchFaultLeavesTheLastValuesMarkedStaleUntilTheNextGoodPoll(Kind kind) {
    assertThat(poll().failures()).isEmpty();
    String good = given().get("/").then().statusCode(200).extract().asString();
    List<String> cpu = DashboardTest.values(good, "DB CPU");
    assertThat(good).doesNotContain("stale-badge");

    sim().faults().add("monitoring", "GetMetricData", kind, ShortTimeouts.SLOW);
    assertThat(poll().failures()).containsOnlyKeys("prod", "staging", "dev");
    sim().faults().clear();

    String stale = given().get("/").then().statusCode(200).extract().asString();
    assertThat(stale.split("stale-badge", -1)).hasSize(4);
    if (kind != Kind.PARTIAL_DATA) {
      // Partial data is data: what came is kept, so only then may the values move.
      assertThat(DashboardTest.values(stale, "DB CPU")).isEqualTo(cpu);
    }
    given().get("/environments/prod").then().statusCode(200);
    assertThat(given().get("/api/environments").jsonPath().getList("stale", Boolean.class))
        .containsOnly(true);

    assertThat(poll().failures()).isEmpty();
    assertThat(given().get("/").then().statusCode(200).extract().asString())
        .doesNotContain("stale-badge");
    assertThat(given().get("/api/environments").jsonPath().getList("stale", Boolean.class))
        .containsOnly(false);
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"THROTTLE", "SERVER_ERROR", "DELAY", "MALFORMED", "GARBAGE", "EMPTY"})
  void everyCostExplorerFaultKeepsTheStoredCostsAndSaysWhyUntilTheNextGoodRefresh(Kind kind) {
    clock.advance(ShortTimeouts.COST_REFRESH);
    assertThat(costJob.refresh().failures()).isEmpty();
    String before = given().get("/api/cost").asString();
    JsonPath good = JsonPath.from(before);
    assertThat(good.getString("error")).isNull();

    sim().faults().add("ce", "GetCostAndUsage", kind, ShortTimeouts.SLOW);
    clock.advance(ShortTimeouts.COST_REFRESH);
    assertThat(costJob.refresh().failures()).isNotEmpty();
    sim().faults().clear();

    given().get("/cost").then().statusCode(200);
    JsonPath stale = given().get("/api/cost").jsonPath();
    assertThat(stale.getString("error")).isNotBlank();
    // The month so far is what the last good answer said.
    assertThat(stale.getList("environments.monthToDate"))
        .isEqualTo(good.getList("environments.monthToDate"));

    clock.advance(ShortTimeouts.COST_REFRESH);
    assertThat(costJob.refresh().failures()).isEmpty();
    assertThat(given().get("/api/cost").jsonPath().getString("error")).isNull();
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"THROTTLE", "SERVER_ERROR", "DELAY", "MALFORMED", "GARBAGE", "EMPTY"})
  void everySnsFaultKeepsTheMessagePendingUntilSnsTakesIt(Kind kind) {
    String subject = "[prod] fault test " + kind;
    outbox.enqueue(
        List.of(
            new Delivery(
                topics.alerts("prod").orElseThrow(),
                new Message("prod", NotificationEvent.FIRING, Severity.CRITICAL, subject, "body"))),
        clock.instant());
    sim().faults().add("sns", "Publish", kind, ShortTimeouts.SLOW);
    notifier.tick();
    sim().faults().clear();

    // Not marked sent: without SNS's MessageId nobody knows it was taken (a truncated answer
    // may follow a publish that happened, so it goes again with the same deduplication id).
    assertThat(outbox.pending()).extracting(OutboxMessage::subject).contains(subject);
    given().get("/notifications").then().statusCode(200);

    // The retry waits out its backoff, then goes.
    clock.advance(ShortTimeouts.OUTBOX_RETRY);
    notifier.tick();
    assertThat(outbox.pending()).extracting(OutboxMessage::subject).doesNotContain(subject);
    assertThat(sim().sns().published(topics.alerts("prod").orElseThrow().arn()))
        .filteredOn(m -> m.subject().equals(subject))
        .isNotEmpty()
        .extracting(m -> m.attribute("deduplication-id"))
        .containsOnly(
            outbox.recent(50).stream()
                .filter(m -> m.subject().equals(subject))
                .findFirst()
                .orElseThrow()
                .deduplicationId());
  }

  @Test
  void aQueryCloudWatchRefusesIsFoundReportedAndSkippedWhileTheRestIsCollected() {
    assertThat(poll().failures()).isEmpty();
    // Every request carrying a query of prod's database is refused as a whole.
    sim().faults().reject("monitoring", "GetMetricData").whenBodyContains("=prod-db");
    sim().calls().clear();

    PollResult r = poll();

    assertThat(r.failures()).isEmpty();
    assertThat(r.skipped()).containsOnlyKeys("prod");
    assertThat(r.skipped().get("prod"))
        .allSatisfy(q -> assertThat(q).contains("prod-db").contains("InvalidParameterValue"));
    // Split in halves down to each refused query: a few calls, not one per query.
    long calls =
        sim().calls().all().stream().filter(c -> c.operation().equals("GetMetricData")).count();
    assertThat(calls).isLessThan(r.seriesFetched());
    String page = given().get("/environments/prod").then().statusCode(200).extract().asString();
    assertThat(page).contains("Queries CloudWatch refuses").contains("prod-db");
    assertThat(
            given().get("/api/environments/prod").jsonPath().getList("environment.skippedQueries"))
        .isNotEmpty();
    assertThat(given().get("/").asString()).doesNotContain("stale-badge");

    // Left out of the next polls: no more refused requests, no more splitting.
    sim().calls().clear();
    assertThat(poll().failures()).isEmpty();
    assertThat(sim().calls().all()).noneMatch(c -> c.status() == 400);
  }

  @Test
  void anEnvironmentWhoseRoleStsRefusesGoesStaleAloneAndRecovers() {
    sim().calls().clear();
    assertThat(poll().failures()).isEmpty();
    assertThat(sim().calls().all())
        .as("dev's role is assumed in this very poll, not served from a cache")
        .anyMatch(c -> c.service().equals("sts"));

    sim().faults().accessDenied("sts", "AssumeRole").whenBodyContains("stackwatch-read");
    // The SDK keeps the credentials dev's role gave in the poll above for one second of the real
    // clock: let that second pass, so the next call assumes the role again.
    sleep(Duration.ofSeconds(1));
    PollResult refused = poll();
    sim().faults().clear();

    assertThat(refused.failures()).containsOnlyKeys("dev");
    assertThat(refused.failures().get("dev")).contains("AccessDenied");
    String page = given().get("/").then().statusCode(200).extract().asString();
    assertThat(page.split("stale-badge", -1)).hasSize(2);

    assertThat(poll().failures()).isEmpty();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
