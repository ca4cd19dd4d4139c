package io.stackwatch.notify.message;

import static io.stackwatch.notify.grouping.Fixtures.T0;
import static io.stackwatch.notify.grouping.Fixtures.alb5xx;
import static io.stackwatch.notify.grouping.Fixtures.api5xx;
import static io.stackwatch.notify.grouping.Fixtures.cpu;
import static io.stackwatch.notify.grouping.Fixtures.dlq;
import static io.stackwatch.notify.grouping.Fixtures.firing;
import static io.stackwatch.notify.grouping.Fixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertSummary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact words of an alert summary, in e-mail text and in chat JSON. */
@Tag("plain")
class AlertSummaryFormatterTest {

  final AlertSummaryFormatter formatter =
      new AlertSummaryFormatter("https://stackwatch.example.com/");

  /** Two alarms fire (critical and warning), one critical alarm told before has resolved. */
  final AlertSummary summary =
      new AlertSummary(
          "prod",
          "prod-rds-cpu-high-20261126T120005Z",
          T0.plus(Duration.ofMinutes(6)),
          List.of(firing(cpu(), T0), firing(alb5xx(), T0.plusSeconds(60))),
          List.of(resolved(api5xx(), T0.minus(Duration.ofMinutes(25)), T0.plusSeconds(300))),
          false);

  /** Who acknowledged a firing alarm, when and what they said, under its Since line. */
  @Test
  void anAcknowledgedAlarmSaysWhoIsOnIt() {
    AlertSummary acked =
        new AlertSummary(
            "prod",
            "prod-rds-cpu-high-20261126T120005Z",
            T0.plus(Duration.ofMinutes(6)),
            List.of(firing(cpu(), T0)),
            List.of(),
            false,
            java.util.Map.of(
                "prod/rds-cpu-high",
                new io.stackwatch.alarm.Acknowledgement(
                    "prod/rds-cpu-high", T0.plusSeconds(120), "olga", "looking\nat the top SQL")));

    assertThat(formatter.format(acked, TopicFormat.TEXT).body())
        .contains(
            """
              Since:   2026-11-26 12:00 UTC (for 6 min)
              Acked:   olga at 2026-11-26 12:02 UTC: looking at the top SQL
              Reason:  Threshold Crossed:\
            """);
    assertThat(formatter.format(acked, TopicFormat.CHATBOT).body())
        .contains("acknowledged by olga at 2026-11-26 12:02 UTC: looking at the top SQL");
    assertThat(formatter.format(summary, TopicFormat.TEXT).body()).doesNotContain("Acked:");
  }

  @Test
  void textListsFiringThenResolvedWithValueSinceReasonRunbookAndLink() {
    Message m = formatter.format(summary, TopicFormat.TEXT);

    assertThat(m.subject())
        .isEqualTo(
            "[prod] 2 firing, 1 resolved: Database CPU above 80 %, ALB target 5xx above 10 a"
                + " minute, API ...");
    assertThat(m.environment()).isEqualTo("prod");
    assertThat(m.event()).isEqualTo(NotificationEvent.FIRING);
    assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(m.body())
        .isEqualTo(
            """
            prod: 2 firing, 1 resolved

            FIRING

            [critical] Database CPU above 80 %
              Value:   91 %
              Since:   2026-11-26 12:00 UTC (for 6 min)
              Reason:  Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (80.0).
              Runbook:
                Find the queries burning CPU in Performance Insights (top SQL by load) and
                check for a missing index or a runaway batch job.
              Link:    https://stackwatch.example.com/alarms/prod/rds-cpu-high

            [warning] ALB target 5xx above 10 a minute
              Value:   35
              Since:   2026-11-26 12:01 UTC (for 5 min)
              Reason:  Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (10.0).
              Runbook:
                Check the ECS service's tasks and logs.
              Link:    https://stackwatch.example.com/alarms/prod/alb-target-5xx

            RESOLVED

            [critical] API Gateway 5xx above 10 a minute
              Resolved: 2026-11-26 12:05 UTC, after firing since 2026-11-26 11:35 UTC (for 30 min)
              Value:    48
              Reason:   Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (10.0).
              Link:     https://stackwatch.example.com/alarms/prod/api-5xx-high

            All alarms: https://stackwatch.example.com/alarms
            """);
  }

  @Test
  void chatbotIsTheCustomNotificationSchemaThreadedByIncident() {
    Message m = formatter.format(summary, TopicFormat.CHATBOT);

    assertThat(m.subject()).isEqualTo(formatter.format(summary, TopicFormat.TEXT).subject());
    assertThat(m.body())
        .isEqualTo(
            """
            {
              "version" : "1.0",
              "source" : "custom",
              "content" : {
                "textType" : "client-markdown",
                "title" : ":rotating_light: [prod] 2 firing, 1 resolved",
                "description" : "*Firing*\\n• *[critical] Database CPU above 80 %*: 91 %, since 2026-11-26 12:00 UTC (for 6 min)\\n    Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (80.0).\\n    https://stackwatch.example.com/alarms/prod/rds-cpu-high\\n• *[warning] ALB target 5xx above 10 a minute*: 35, since 2026-11-26 12:01 UTC (for 5 min)\\n    Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (10.0).\\n    https://stackwatch.example.com/alarms/prod/alb-target-5xx\\n*Resolved*\\n• [critical] API Gateway 5xx above 10 a minute: OK since 2026-11-26 12:05 UTC, fired 2026-11-26 11:35 UTC (for 30 min)\\n    https://stackwatch.example.com/alarms/prod/api-5xx-high",
                "nextSteps" : [ "Database CPU above 80 %: Find the queries burning CPU in Performance Insights (top SQL by load) and check for a missing index or a runaway batch job.", "ALB target 5xx above 10 a minute: Check the ECS service's tasks and logs.", "All alarms: https://stackwatch.example.com/alarms" ],
                "keywords" : [ "prod", "critical", "rds-cpu-high", "alb-target-5xx", "api-5xx-high" ]
              },
              "metadata" : {
                "threadId" : "prod-rds-cpu-high-20261126T120005Z",
                "summary" : "[prod] 2 firing, 1 resolved: Database CPU above 80 %, ALB target 5xx above 10 a minute, API ...",
                "eventType" : "firing"
              }
            }""");
  }

  @Test
  void aResolutionAloneIsAResolvedMessageInTheIncidentsThread() {
    AlertSummary allClear =
        new AlertSummary(
            "prod",
            "prod-rds-cpu-high-20261126T120005Z",
            T0.plus(Duration.ofMinutes(15)),
            List.of(),
            List.of(
                resolved(alb5xx(), T0.plusSeconds(60), T0.plus(Duration.ofMinutes(14))),
                resolved(cpu(), T0, T0.plus(Duration.ofMinutes(14)))),
            false);

    Message text = formatter.format(allClear, TopicFormat.TEXT);
    Message chat = formatter.format(allClear, TopicFormat.CHATBOT);

    assertThat(text.subject())
        .isEqualTo("[prod] 2 resolved: ALB target 5xx above 10 a minute, Database CPU above 80 %");
    assertThat(text.event()).isEqualTo(NotificationEvent.RESOLVED);
    assertThat(text.severity()).as("the highest of the resolved").isEqualTo(Severity.CRITICAL);
    assertThat(text.body()).startsWith("prod: 2 resolved\n\nRESOLVED\n").doesNotContain("FIRING");
    assertThat(chat.body())
        .contains("\"title\" : \":white_check_mark: [prod] 2 resolved\"")
        .contains("\"threadId\" : \"prod-rds-cpu-high-20261126T120005Z\"")
        .contains("\"eventType\" : \"resolved\"")
        .contains("\"nextSteps\" : [ \"All alarms: https://stackwatch.example.com/alarms\" ]");
  }

  @Test
  void aRepeatSaysNothingChanged() {
    AlertSummary again =
        new AlertSummary(
            "prod", "i", T0.plus(Duration.ofHours(4)), List.of(firing(cpu(), T0)), List.of(), true);

    assertThat(formatter.format(again, TopicFormat.TEXT).body())
        .startsWith("prod: 1 firing\nStill firing, unchanged since the last message.\n\nFIRING\n")
        .contains("Since:   2026-11-26 12:00 UTC (for 4 h)");
  }

  @Test
  void alarmsOfOneRuleAreNamedOnceWithTheirResourcesAndTheirLinksKeepTheColon() {
    AlertSummary dlqs =
        new AlertSummary(
            "prod",
            "i",
            T0,
            List.of(
                firing(dlq("prod-email-dlq", Severity.WARNING), T0),
                firing(dlq("prod-processing-dlq", Severity.WARNING), T0)),
            List.of(),
            false);

    Message m = formatter.format(dlqs, TopicFormat.TEXT);

    assertThat(m.subject())
        .isEqualTo(
            "[prod] 2 firing: Dead-letter queue has messages (prod-email-dlq, prod-processing-dlq)");
    assertThat(m.body())
        .contains(
            """

            [warning] Dead-letter queue has messages: prod-email-dlq
              Value:   3
            """)
        .contains(
            """

            [warning] Dead-letter queue has messages: prod-processing-dlq
              Value:   3
            """)
        .contains("https://stackwatch.example.com/alarms/prod/sqs-dlq-not-empty:prod-email-dlq");
    String chat = formatter.format(dlqs, TopicFormat.CHATBOT).body();
    assertThat(chat)
        .contains(
            "• *[warning] Dead-letter queue has messages (prod-email-dlq)*: 3, since 2026-11-26"
                + " 12:00 UTC (for 0 s)")
        .contains(
            "• *[warning] Dead-letter queue has messages (prod-processing-dlq)*: 3, since"
                + " 2026-11-26 12:00 UTC (for 0 s)");
  }

  /**
   * The acceptance for alert texts: a summary of two dead-letter queues, word for word, in
   * both formats: the subject names the rule once with both queues, each item of the body its own
   * queue, value and link.
   */
  @Test
  void aSummaryOfTwoDeadLetterQueuesWordForWordInBothFormats() {
    AlertSummary dlqs =
        new AlertSummary(
            "prod",
            "prod-sqs-dlq-not-empty:prod-email-dlq-20261126T120005Z",
            T0.plus(Duration.ofMinutes(5)),
            List.of(
                firing(dlq("prod-email-dlq", Severity.CRITICAL), T0),
                firing(
                    valued(dlq("prod-processing-dlq", Severity.CRITICAL), "27"),
                    T0.plusSeconds(60))),
            List.of(),
            false);

    Message text = formatter.format(dlqs, TopicFormat.TEXT);
    Message chat = formatter.format(dlqs, TopicFormat.CHATBOT);

    assertThat(text.subject())
        .isEqualTo(
            "[prod] 2 firing: Dead-letter queue has messages (prod-email-dlq, prod-processing-dlq)");
    assertThat(chat.subject()).isEqualTo(text.subject());
    assertThat(text.body())
        .isEqualTo(
            """
            prod: 2 firing

            FIRING

            [critical] Dead-letter queue has messages: prod-email-dlq
              Value:   3
              Since:   2026-11-26 12:00 UTC (for 5 min)
              Reason:  Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (0.0).
              Runbook:
                Look at the failed messages.
              Link:    https://stackwatch.example.com/alarms/prod/sqs-dlq-not-empty:prod-email-dlq

            [critical] Dead-letter queue has messages: prod-processing-dlq
              Value:   27
              Since:   2026-11-26 12:01 UTC (for 4 min)
              Reason:  Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (0.0).
              Runbook:
                Look at the failed messages.
              Link:    https://stackwatch.example.com/alarms/prod/sqs-dlq-not-empty:prod-processing-dlq

            All alarms: https://stackwatch.example.com/alarms
            """);
    assertThat(chat.body())
        .isEqualTo(
            """
            {
              "version" : "1.0",
              "source" : "custom",
              "content" : {
                "textType" : "client-markdown",
                "title" : ":rotating_light: [prod] 2 firing",
                "description" : "*Firing*\\n• *[critical] Dead-letter queue has messages (prod-email-dlq)*: 3, since 2026-11-26 12:00 UTC (for 5 min)\\n    Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (0.0).\\n    https://stackwatch.example.com/alarms/prod/sqs-dlq-not-empty:prod-email-dlq\\n• *[critical] Dead-letter queue has messages (prod-processing-dlq)*: 27, since 2026-11-26 12:01 UTC (for 4 min)\\n    Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (0.0).\\n    https://stackwatch.example.com/alarms/prod/sqs-dlq-not-empty:prod-processing-dlq",
                "nextSteps" : [ "Dead-letter queue has messages: Look at the failed messages.", "All alarms: https://stackwatch.example.com/alarms" ],
                "keywords" : [ "prod", "critical", "sqs-dlq-not-empty:prod-email-dlq", "sqs-dlq-not-empty:prod-processing-dlq" ]
              },
              "metadata" : {
                "threadId" : "prod-sqs-dlq-not-empty:prod-email-dlq-20261126T120005Z",
                "summary" : "[prod] 2 firing: Dead-letter queue has messages (prod-email-dlq, prod-processing-dlq)",
                "eventType" : "firing"
              }
            }""");
  }

  /** The same alarm with another newest value. */
  static Alert valued(Alert a, String value) {
    return new Alert(
        a.key(),
        a.environment(),
        a.alarmId(),
        a.title(),
        a.severity(),
        value,
        a.reason(),
        a.runbook());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          short stays whole | Database CPU above 80 % | [prod] 1 firing: Database CPU above 80 %
          a long title is cut between words | Connections near max_connections on the writer instance of the primary cluster in the main region | [prod] 1 firing: Connections near max_connections on the writer instance of the primary cluster ...
          no word longer than the room is kept whole | Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | [prod] 1 firing ...
          SNS takes ASCII only | Latence de la base élevée – 90 % | [prod] 1 firing: Latence de la base elevee ? 90 %
          """)
  void subjectsFitSnsLimitWithoutBreakingWords(String why, String title, String expected) {
    Alert a = new Alert("prod/x", "prod", "x", title, Severity.CRITICAL, "1", "reason", "runbook");
    String subject =
        AlertSummaryFormatter.subject(
            new AlertSummary("prod", "i", T0, List.of(firing(a, T0)), List.of(), false));

    assertThat(subject).as(why).isEqualTo(expected).hasSizeLessThan(100);
    assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
