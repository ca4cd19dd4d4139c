package io.stackwatch.notify.message;

import static io.stackwatch.notify.grouping.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The exact words of a daily digest, in e-mail text and in chat JSON. */
@Tag("plain")
class DigestFormatterTest {

  static final Instant MORNING = Instant.parse("2026-11-27T08:00:00Z");

  final DigestFormatter formatter = new DigestFormatter("https://stackwatch.example.com");

  static Digest.DigestAlarm cpuFiring() {
    return new Digest.DigestAlarm(
        "rds-cpu-high",
        "Database CPU above 80 %",
        Severity.CRITICAL,
        AlarmState.ALARM,
        MORNING.minus(Duration.ofHours(1)),
        2,
        Optional.of(MORNING.minus(Duration.ofHours(1))));
  }

  /** A morning with the database on fire, the month heading over budget, an eviction spell. */
  final Digest troubled =
      new Digest(
          "prod",
          MORNING,
          AlarmState.ALARM,
          List.of(cpuFiring()),
          3,
          Optional.of(
              new Digest.Cost(
                  new BigDecimal("312.4"),
                  Optional.of(new BigDecimal("600")),
                  Optional.of(new BigDecimal("640.1")),
                  Optional.empty(),
                  MORNING.minus(Duration.ofHours(2)))),
          List.of(
              cpuFiring(),
              new Digest.DigestAlarm(
                  "cache-evictions-increasing",
                  "Cache evictions increasing",
                  Severity.WARNING,
                  AlarmState.OK,
                  T0.plus(Duration.ofHours(3)),
                  1,
                  Optional.of(T0.plus(Duration.ofHours(2))))),
          Optional.empty());

  @Test
  void textTellsHealthCostLastDayAndMaintenance() {
    Message m = formatter.format(troubled, TopicFormat.TEXT);

    assertThat(m.subject())
        .isEqualTo(
            "[prod] Daily digest 2026-11-27: 1 firing; $312.40 of $600.00 budget, forecast over"
                + " budget");
    assertThat(m.event()).isEqualTo(NotificationEvent.DIGEST);
    assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(m.body())
        .isEqualTo(
            """
            Daily digest of prod, 2026-11-27 08:00 UTC

            Health: ALARM, 1 alarm firing, 3 alarms without enough data
            - [critical] Database CPU above 80 %, firing since 2026-11-27 07:00 UTC (for 1 h)
              https://stackwatch.example.com/alarms/prod/rds-cpu-high

            Cost this month: $312.40 of the $600.00 budget, forecast $640.10 for the month, over budget.
              (Cost Explorer, asked 2026-11-27 06:00 UTC)

            Alarms in the last 24 hours:
            - [critical] Database CPU above 80 %: fired 2 times, last 2026-11-27 07:00 UTC; firing now
            - [warning] Cache evictions increasing: fired once, last 2026-11-26 14:00 UTC; OK now

            Overdue maintenance: not tracked yet.

            Environment: https://stackwatch.example.com/environments/prod
            Cost:        https://stackwatch.example.com/cost
            """);
  }

  @Test
  void chatbotIsTheCustomNotificationSchema() {
    Message m = formatter.format(troubled, TopicFormat.CHATBOT);

    assertThat(m.body())
        .isEqualTo(
            """
            {
              "version" : "1.0",
              "source" : "custom",
              "content" : {
                "textType" : "client-markdown",
                "title" : ":newspaper: [prod] Daily digest 2026-11-27",
                "description" : "*Health:* ALARM, 1 alarm firing, 3 alarms without enough data\\n• *[critical] Database CPU above 80 %*, firing since 2026-11-27 07:00 UTC (for 1 h)\\n    https://stackwatch.example.com/alarms/prod/rds-cpu-high\\n*Cost this month:* $312.40 of the $600.00 budget, forecast $640.10 for the month, over budget. Asked 2026-11-27 06:00 UTC.\\n*Alarms in the last 24 hours:*\\n• [critical] Database CPU above 80 %: fired 2 times, last 2026-11-27 07:00 UTC; firing now\\n• [warning] Cache evictions increasing: fired once, last 2026-11-26 14:00 UTC; OK now\\n*Overdue maintenance:* not tracked yet.",
                "nextSteps" : [ "Environment page: https://stackwatch.example.com/environments/prod", "Cost page: https://stackwatch.example.com/cost" ],
                "keywords" : [ "prod", "digest" ]
              },
              "metadata" : {
                "summary" : "[prod] Daily digest 2026-11-27: 1 firing; $312.40 of $600.00 budget, forecast over budget",
                "eventType" : "digest"
              }
            }""");
  }

  @Test
  void aQuietDayWithoutCostsAndWithMaintenanceKept() {
    Digest quiet =
        new Digest(
            "dev",
            MORNING,
            AlarmState.OK,
            List.of(),
            0,
            Optional.empty(),
            List.of(),
            Optional.of(
                List.of(new OverdueItem("Review security groups", LocalDate.of(2026, 11, 23)))));

    Message m = formatter.format(quiet, TopicFormat.TEXT);

    assertThat(m.subject()).isEqualTo("[dev] Daily digest 2026-11-27: OK");
    assertThat(m.severity()).isEqualTo(Severity.INFO);
    assertThat(m.body())
        .isEqualTo(
            """
            Daily digest of dev, 2026-11-27 08:00 UTC

            Health: OK, nothing firing

            Cost this month: not known yet: Cost Explorer was not asked.

            Alarms in the last 24 hours: none fired.

            Overdue maintenance: 1 chore:
            - Review security groups, due 2026-11-23

            Environment: https://stackwatch.example.com/environments/dev
            Cost:        https://stackwatch.example.com/cost
            """);
  }

  /**
   * Who is on each firing alarm, the queue each alarm is about, and the chores whose checks fail,
   * word for word in both formats.
   */
  @Test
  void acknowledgementsResourcesAndFailingChecks() {
    Digest.DigestAlarm dlq =
        new Digest.DigestAlarm(
            "sqs-dlq-not-empty:dev-email-dlq",
            "Dead-letter queue has messages",
            Severity.CRITICAL,
            AlarmState.ALARM,
            MORNING.minus(Duration.ofHours(3)),
            1,
            Optional.of(MORNING.minus(Duration.ofHours(3))),
            Optional.of(
                new io.stackwatch.alarm.Acknowledgement(
                    "dev/sqs-dlq-not-empty:dev-email-dlq",
                    MORNING.minus(Duration.ofHours(2)),
                    "olga",
                    "replaying the failed\nmails")));
    Digest d =
        new Digest(
                "dev",
                MORNING,
                AlarmState.ALARM,
                List.of(dlq),
                0,
                Optional.empty(),
                List.of(dlq),
                Optional.of(List.of()))
            .failing(
                List.of(
                    new Digest.FailingCheck(
                        "Review security group rules",
                        "security group sg-0123 (dev-redis-sg): port 6379 open to 0.0.0.0/0."),
                    new Digest.FailingCheck(
                        "Review backup retention policies",
                        "log group /aws/apigateway/dev retains 3 days (30 expected).")));

    assertThat(formatter.format(d, TopicFormat.TEXT).body())
        .isEqualTo(
            """
            Daily digest of dev, 2026-11-27 08:00 UTC

            Health: ALARM, 1 alarm firing
            - [critical] Dead-letter queue has messages (dev-email-dlq), firing since 2026-11-27 05:00 UTC (for 3 h)
              Acked: olga at 2026-11-27 06:00 UTC: replaying the failed mails
              https://stackwatch.example.com/alarms/dev/sqs-dlq-not-empty:dev-email-dlq

            Cost this month: not known yet: Cost Explorer was not asked.

            Alarms in the last 24 hours:
            - [critical] Dead-letter queue has messages (dev-email-dlq): fired once, last 2026-11-27 05:00 UTC; firing now

            Overdue maintenance: none.

            Failing maintenance checks: 2 chores:
            - Review security group rules: security group sg-0123 (dev-redis-sg): port 6379 open to 0.0.0.0/0.
            - Review backup retention policies: log group /aws/apigateway/dev retains 3 days (30 expected).

            Environment: https://stackwatch.example.com/environments/dev
            Cost:        https://stackwatch.example.com/cost
            """);
    assertThat(formatter.format(d, TopicFormat.CHATBOT).body())
        .isEqualTo(
            """
            {
              "version" : "1.0",
              "source" : "custom",
              "content" : {
                "textType" : "client-markdown",
                "title" : ":newspaper: [dev] Daily digest 2026-11-27",
                "description" : "*Health:* ALARM, 1 alarm firing\\n• *[critical] Dead-letter queue has messages (dev-email-dlq)*, firing since 2026-11-27 05:00 UTC (for 3 h)\\n    acknowledged by olga at 2026-11-27 06:00 UTC: replaying the failed mails\\n    https://stackwatch.example.com/alarms/dev/sqs-dlq-not-empty:dev-email-dlq\\n*Cost this month:* not known yet: Cost Explorer was not asked.\\n*Alarms in the last 24 hours:*\\n• [critical] Dead-letter queue has messages (dev-email-dlq): fired once, last 2026-11-27 05:00 UTC; firing now\\n*Overdue maintenance:* none.\\n*Failing maintenance checks:* 2 chores:\\n• Review security group rules: security group sg-0123 (dev-redis-sg): port 6379 open to 0.0.0.0/0.\\n• Review backup retention policies: log group /aws/apigateway/dev retains 3 days (30 expected).",
                "nextSteps" : [ "Environment page: https://stackwatch.example.com/environments/dev", "Cost page: https://stackwatch.example.com/cost" ],
                "keywords" : [ "dev", "digest" ]
              },
              "metadata" : {
                "summary" : "[dev] Daily digest 2026-11-27: 1 firing",
                "eventType" : "digest"
              }
            }""");
  }
}
