package io.stackwatch.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Transition;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.notify.message.OverdueItem;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.message.Wording;
import io.stackwatch.notify.outbox.OutboxSender;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The acceptance through the whole application: simulator scenarios drive the alarms, the
 * poll hands their transitions to the grouping, the notifier's tick writes the outbox and publishes
 * through the real SDK to the simulator's SNS, whose published messages the test reads. One poll
 * every 5 minutes, as configured by default; the tests move the clock.
 */
@QuarkusTest
@TestProfile(AlertSummaryScenarioTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertSummaryScenarioTest {

  /**
   * The test rules (a DLQ pages in prod), links to a public address, chat JSON for staging; and no
   * environment-page panels ({@code config/notify/dashboards/environment.yaml} is empty), so a poll
   * reads what the rules and the overview's key numbers read, not every panel's series: the polls
   * after the tests' four-hour gaps read four hours of each series they fetch.
   */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.config-directory", "src/test/resources/config/notify",
          "stackwatch.notify.base-url", "https://stackwatch.example.com",
          "stackwatch.notify.topics.staging.alerts.format", "chatbot");
    }
  }

  static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");
  static final String PROD_NOTIFICATIONS = SnsHandler.arn("us-east-1", "prod-notifications");

  @Inject Snapshots snapshots;
  @Inject PollJob job;
  @Inject NotifyJob notifier;
  @Inject io.stackwatch.poll.CostJob costJob;
  @Inject SimulatorBridge runtime;
  @Inject NotifyTopics topics;
  @Inject TestClock clock;

  AwsSimulator sim() {
    return runtime.simulator();
  }

  /**
   * The next poll, on the 5-minute grid a few seconds past the minute (12:05:05, 12:10:05, ...)
   * however long the notifier's ticks took, so each poll reads five whole new minutes; its prod
   * transitions.
   */
  List<Transition> poll() {
    long now = clock.instant().getEpochSecond();
    clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
    PollJob.Outcome outcome = job.run();
    assertThat(outcome.poll().failures()).isEmpty();
    return outcome.transitions().stream().filter(t -> t.environment().equals("prod")).toList();
  }

  /** The notifier's tick, 30 s after the poll: the group wait has passed. */
  NotifyJob.Tick tickAfterGroupWait() {
    clock.advance(Duration.ofSeconds(30));
    return notifier.tick();
  }

  List<PublishedMessage> prodAlerts() {
    return sim().sns().published(PROD_ALERTS);
  }

  Instant thisMinute() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
  }

  @Test
  @Order(1)
  void aHealthyStackSendsNoAlertButTheDailyDigest() {
    assertThat(topics.alerts("prod").orElseThrow().arn()).isEqualTo(PROD_ALERTS);
    assertThat(topics.alerts("staging").orElseThrow().format()).isEqualTo(TopicFormat.CHATBOT);
    assertThat(sim().sns().topics()).contains(PROD_ALERTS, PROD_NOTIFICATIONS);

    // Started after 08:00 UTC with no digest yet today: none before the alarms are evaluated and
    // Cost Explorer has answered, then today's at once.
    assertThat(notifier.tick().digests()).as("nothing evaluated yet").isZero();
    poll();
    poll();
    assertThat(tickAfterGroupWait().digests()).as("Cost Explorer not asked yet").isZero();
    assertThat(costJob.refresh().failures()).isEmpty();
    NotifyJob.Tick tick = notifier.tick();

    assertThat(prodAlerts()).isEmpty();
    assertThat(tick.digests()).isEqualTo(3);
    assertThat(sim().sns().published(PROD_NOTIFICATIONS))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject())
                  .matches(
                      "\\[prod\\] Daily digest 2026-11-26: OK; \\$[0-9,.]+ of \\$600\\.00 budget");
              assertThat(m.attribute("event")).isEqualTo("digest");
              assertThat(m.attribute("environment")).isEqualTo("prod");
              assertThat(m.message())
                  .contains("Health: OK, nothing firing")
                  .doesNotContain("Written without")
                  .doesNotContain("Cost Explorer was not asked");
            });
    assertThat(notifier.tick().digests()).as("one a day").isZero();
  }

  @Test
  @Order(2)
  void threeAlarmsFiringInOnePollMakeOneMessageAndTheirRecoveryAnother() {
    Instant start = thisMinute();
    sim().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    sim().cloudWatch().scenarios().play("5xx-burst", "prod", start);

    List<Transition> fired = poll();
    assertThat(fired)
        .extracting(Transition::alarmId, Transition::to)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("rds-cpu-high", AlarmState.ALARM),
            org.assertj.core.groups.Tuple.tuple("api-5xx-high", AlarmState.ALARM),
            org.assertj.core.groups.Tuple.tuple("alb-target-5xx", AlarmState.ALARM));
    assertThat(notifier.tick().summaries()).as("within the group wait").isZero();
    NotifyJob.Tick tick = tickAfterGroupWait();

    assertThat(tick.summaries()).isEqualTo(1);
    assertThat(prodAlerts()).hasSize(1);
    PublishedMessage firing = prodAlerts().get(0);
    assertThat(firing.subject())
        .isEqualTo(
            "[prod] 3 firing: API Gateway 5xx above 10 a minute, Database CPU above 80 %, ECS"
                + " targets ...");
    assertThat(firing.attributes())
        .containsOnlyKeys("environment", "severity", "event", "deduplication-id");
    assertThat(firing.attribute("environment")).isEqualTo("prod");
    assertThat(firing.attribute("severity")).isEqualTo("critical");
    assertThat(firing.attribute("event")).isEqualTo("firing");
    assertThat(firing.attribute("deduplication-id")).isNotBlank();
    assertThat(firing.groupId()).as("a standard topic").isNull();
    assertThat(firing.message())
        .startsWith("prod: 3 firing\n\nFIRING\n\n[critical] API Gateway 5xx above 10 a minute\n")
        .contains("Threshold Crossed: 3 out of the last 3 datapoints")
        .contains("Find the queries burning CPU in Performance Insights")
        .contains("  Link:    https://stackwatch.example.com/alarms/prod/rds-cpu-high\n")
        .contains("[warning] ECS targets answering 5xx");

    // The spike and the burst last ten minutes: one more poll still fires, unchanged.
    assertThat(poll()).isEmpty();
    tickAfterGroupWait();
    assertThat(prodAlerts()).hasSize(1);

    List<Transition> recovered = poll();
    assertThat(recovered).hasSize(3).allMatch(t -> t.to() == AlarmState.OK);
    tickAfterGroupWait();

    assertThat(prodAlerts()).hasSize(2);
    PublishedMessage resolved = prodAlerts().get(1);
    assertThat(resolved.subject())
        .isEqualTo(
            "[prod] 3 resolved: API Gateway 5xx above 10 a minute, Database CPU above 80 %, ECS"
                + " targets ...");
    assertThat(resolved.attribute("event")).isEqualTo("resolved");
    assertThat(resolved.attribute("severity")).isEqualTo("critical");
    assertThat(resolved.message()).startsWith("prod: 3 resolved\n\nRESOLVED\n");
  }

  @Test
  @Order(3)
  void aCriticalAlarmStillFiringIsRepeatedOnlyAfterFourHours() {
    sim().cloudWatch().scenarios().play("dlq-filling", "prod", thisMinute());
    int before = prodAlerts().size();

    assertThat(poll()).extracting(Transition::to).containsOnly(AlarmState.ALARM).hasSize(2);
    tickAfterGroupWait();
    Instant sentAt = clock.instant();
    assertThat(prodAlerts()).hasSize(before + 1);
    assertThat(prodAlerts().get(before).subject())
        .isEqualTo(
            "[prod] 2 firing: Dead-letter queue has messages (prod-email-dlq, prod-processing-dlq)");

    for (int i = 0; i < 10; i++) {
      assertThat(poll()).as("poll %d", i + 1).isEmpty();
      assertThat(tickAfterGroupWait().summaries()).isZero();
    }
    assertThat(prodAlerts()).as("ten polls later").hasSize(before + 1);

    clock.advance(
        Duration.between(clock.instant(), sentAt.plus(Duration.ofHours(4))).minusSeconds(1));
    assertThat(notifier.tick().summaries()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(notifier.tick().summaries()).isEqualTo(1);

    assertThat(prodAlerts()).hasSize(before + 2);
    PublishedMessage repeat = prodAlerts().get(before + 1);
    assertThat(repeat.subject())
        .isEqualTo(
            "[prod] 2 firing: Dead-letter queue has messages (prod-email-dlq, prod-processing-dlq)");
    assertThat(repeat.message())
        .startsWith("prod: 2 firing\nStill firing, unchanged since the last message.\n");
    assertThat(repeat.attribute("deduplication-id"))
        .isNotEqualTo(prodAlerts().get(before).attribute("deduplication-id"));
    assertThat(notifier.tick().summaries()).isZero();
  }

  @Test
  @Order(4)
  void snsFailingForThreePollsLosesNothingAndDeliversInOrderOnce() {
    int before = prodAlerts().size();
    sim().faults().serverError("sns", "Publish");
    Instant start = thisMinute();
    sim().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    sim().cloudWatch().scenarios().play("5xx-burst", "prod", start);

    assertThat(poll()).hasSize(3);
    NotifyJob.Tick first = tickAfterGroupWait();
    assertThat(first.summaries()).isEqualTo(1);
    assertThat(first.drain().retrying()).isEqualTo(1);
    assertThat(poll()).isEmpty();
    assertThat(tickAfterGroupWait().drain().retrying()).isEqualTo(1);
    assertThat(poll()).hasSize(3);
    NotifyJob.Tick third = tickAfterGroupWait();
    assertThat(third.summaries()).isEqualTo(1);
    assertThat(third.drain().sent()).isZero();
    assertThat(prodAlerts()).hasSize(before);

    // What an operator sees meanwhile.
    String page = given().get("/notifications").then().statusCode(200).extract().asString();
    assertThat(page).contains("2 pending").contains("InternalError: Internal Error (HTTP 500)");
    JsonPath api = given().get("/api/notifications").then().statusCode(200).extract().jsonPath();
    assertThat(api.getLong("pending")).isEqualTo(2);
    assertThat(api.getString("messages[1].status")).isEqualTo("pending");
    assertThat(api.getInt("messages[1].attempts")).isEqualTo(3);
    assertThat(api.getString("messages[1].lastError")).contains("InternalError");

    sim().faults().clear();
    clock.advance(Duration.ofMinutes(5));
    NotifyJob.Tick answered = notifier.tick();

    assertThat(answered.drain().sent()).isEqualTo(2);
    List<PublishedMessage> delivered = prodAlerts().subList(before, prodAlerts().size());
    assertThat(delivered)
        .extracting(PublishedMessage::subject)
        .containsExactly(
            // Worst first, then oldest first: the DLQs fire since the previous test.
            "[prod] 5 firing: Dead-letter queue has messages (prod-email-dlq,"
                + " prod-processing-dlq), API ...",
            "[prod] 2 firing, 3 resolved: Dead-letter queue has messages (prod-email-dlq ...");
    assertThat(delivered).extracting(m -> m.attribute("event")).containsExactly("firing", "firing");
    assertThat(delivered).extracting(m -> m.attribute("deduplication-id")).doesNotHaveDuplicates();
    assertThat(notifier.tick().drain()).isEqualTo(OutboxSender.Drain.NOTHING);
    assertThat(prodAlerts()).hasSize(before + 2);
    JsonPath after = given().get("/api/notifications").then().extract().jsonPath();
    assertThat(after.getLong("pending")).isZero();
    assertThat(after.getString("messages[0].status")).isEqualTo("sent");
    assertThat(after.getString("messages[0].messageId")).isEqualTo(delivered.get(1).messageId());
  }

  @Test
  @Order(5)
  void theNextMorningsDigestTellsTheLastDay() {
    int before = sim().sns().published(PROD_NOTIFICATIONS).size();
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
    Instant eight = tomorrow.atTime(8, 0).toInstant(ZoneOffset.UTC);
    clock.advance(Duration.between(clock.instant(), eight).minusSeconds(1));
    assertThat(notifier.tick().digests()).isZero();
    clock.advance(Duration.ofSeconds(1));
    // Due, but nothing was evaluated since 08:00 and Cost Explorer has not answered today: it
    // waits two hours for them, then goes out saying what it lacks.
    assertThat(notifier.tick().digests()).isZero();
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(notifier.tick().digests()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(notifier.tick().digests()).isEqualTo(3);
    assertThat(notifier.tick().digests()).as("one a day").isZero();

    List<PublishedMessage> digests = sim().sns().published(PROD_NOTIFICATIONS);
    assertThat(digests).hasSize(before + 1);
    PublishedMessage digest = digests.get(before);
    assertThat(digest.subject())
        .matches("\\[prod\\] Daily digest 2026-11-27: 2 firing; \\$[0-9,.]+ of \\$600\\.00 budget");
    assertThat(digest.attribute("severity")).isEqualTo("critical");
    assertThat(digest.message())
        .contains("Health: ALARM, 2 alarms firing")
        .contains("- [critical] Database CPU above 80 %: fired 2 times, last 2026-11-26 ")
        .contains(
            "- [critical] Dead-letter queue has messages (prod-email-dlq): fired once, last"
                + " 2026-11-26 ")
        .contains(
            "- [critical] Dead-letter queue has messages (prod-processing-dlq): fired once, last"
                + " 2026-11-26 ")
        .contains("Environment: https://stackwatch.example.com/environments/prod")
        .contains("Written without an evaluation since 08:00 UTC (the last was 2026-11-26T")
        .contains("; Cost Explorer's answer of today.");
    // The schedule's overdue chores, as the maintenance schedule tells them.
    List<OverdueItem> overdue =
        DailyDigest.overdueItems(
            snapshots.current().environment("prod").orElseThrow().overdue().orElseThrow());
    if (overdue.isEmpty()) {
      assertThat(digest.message()).contains("Overdue maintenance: none.");
    } else {
      assertThat(digest.message())
          .contains(
              "Overdue maintenance: " + Wording.count(overdue.size(), "chore", "chores") + ":");
      overdue.forEach(o -> assertThat(digest.message()).contains(o.title() + ", due " + o.due()));
    }
  }

  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  /** Acknowledges an alarm through its page's form, as an operator does. */
  static void acknowledge(String environment, String id, String note) {
    io.restassured.response.Response page = given().get("/alarms/" + environment + "/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    java.util.regex.Matcher m = TOKEN.matcher(page.asString());
    assertThat(m.find()).as("the acknowledge form").isTrue();
    given()
        .cookie("csrf-token", page.getCookie("csrf-token"))
        .formParam("csrf-token", m.group(1))
        .formParam("note", note)
        .redirects()
        .follow(false)
        .post("/alarms/" + environment + "/" + id + "/acknowledge")
        .then()
        .statusCode(303);
  }

  /**
   * The acceptance for acknowledgements: the dead-letter queues fire, critical, since the
   * third test; acknowledged, they send no repeat for ten polls past the four-hour mark, and who is
   * on them shows on the card, {@code /alarms} and the alarm's page; when their state changes (the
   * queues are drained) the change is sent.
   */
  @Test
  @Order(6)
  void anAcknowledgedCriticalAlarmIsNotRepeatedAndAStateChangeIsSent() {
    // Four hours on, unacknowledged, they repeat: the last send is now.
    clock.advance(Duration.ofHours(4));
    assertThat(notifier.tick().summaries()).isEqualTo(1);
    Instant lastSend = clock.instant();
    int before = prodAlerts().size();

    acknowledge("prod", "sqs-dlq-not-empty:prod-email-dlq", "draining the email queue");
    acknowledge("prod", "sqs-dlq-not-empty:prod-processing-dlq", "");
    String user =
        given()
            .get("/api/alarms/prod/sqs-dlq-not-empty:prod-email-dlq")
            .jsonPath()
            .getString("acknowledgement.user");
    assertThat(user).isNotBlank();
    String overview = given().get("/").asString();
    String card = overview.substring(overview.indexOf("aria-labelledby=\"env-prod\""));
    assertThat(card.substring(0, card.indexOf("</h2>")))
        .contains("2 firing, acknowledged by " + user + " ")
        .contains("Dead-letter queue has messages");
    assertThat(given().queryParam("environment", "prod").get("/alarms").asString())
        .contains("<small class=\"acknowledged\">acknowledged by " + user + " ");
    assertThat(given().get("/alarms/prod/sqs-dlq-not-empty:prod-email-dlq").asString())
        .contains("Acknowledged by <strong>" + user + "</strong>")
        .contains(": draining the email queue");

    // Past the four-hour mark, ten polls: no repeat.
    clock.advance(Duration.between(clock.instant(), lastSend.plus(Duration.ofHours(4))));
    assertThat(notifier.tick().summaries()).as("at the four-hour mark").isZero();
    for (int i = 0; i < 10; i++) {
      assertThat(poll())
          .as("poll %d", i + 1)
          .noneMatch(t -> t.alarmId().startsWith("sqs-dlq-not-empty"));
      assertThat(tickAfterGroupWait().summaries()).as("poll %d", i + 1).isZero();
    }
    assertThat(prodAlerts()).as("ten polls past the mark").hasSize(before);

    // Their state changes: that is told.
    sim().cloudWatch().scenarios().stop("dlq-filling", "prod");
    assertThat(poll())
        .filteredOn(t -> t.alarmId().startsWith("sqs-dlq-not-empty"))
        .extracting(Transition::to)
        .containsOnly(AlarmState.OK)
        .hasSize(2);
    assertThat(tickAfterGroupWait().summaries()).isEqualTo(1);
    assertThat(prodAlerts()).hasSize(before + 1);
    assertThat(prodAlerts().get(before).subject())
        .isEqualTo(
            "[prod] 2 resolved: Dead-letter queue has messages (prod-email-dlq,"
                + " prod-processing-dlq)");
    assertThat(prodAlerts().get(before).attribute("event")).isEqualTo("resolved");
  }
}
