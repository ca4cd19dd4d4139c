package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Severity;
import java.time.Instant;
import java.util.Optional;

/** Alarms and summaries as the notify tests use them: fixed text, fixed times. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-26T12:00:05Z");

  public static final String CPU_RUNBOOK =
      """
      Find the queries burning CPU in Performance Insights (top SQL by load) and
      check for a missing index or a runaway batch job.
      """;

  private Fixtures() {}

  public static Alert cpu() {
    return new Alert(
        "prod/rds-cpu-high",
        "prod",
        "rds-cpu-high",
        "Database CPU above 80 %",
        Severity.CRITICAL,
        "91 %",
        "Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (80.0).",
        CPU_RUNBOOK);
  }

  public static Alert api5xx() {
    return new Alert(
        "prod/api-5xx-high",
        "prod",
        "api-5xx-high",
        "API Gateway 5xx above 10 a minute",
        Severity.CRITICAL,
        "48",
        "Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (10.0).",
        "Check the API's recent deploys and its Lambda errors.");
  }

  public static Alert alb5xx() {
    return new Alert(
        "prod/alb-target-5xx",
        "prod",
        "alb-target-5xx",
        "ALB target 5xx above 10 a minute",
        Severity.WARNING,
        "35",
        "Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (10.0).",
        "Check the ECS service's tasks and logs.");
  }

  public static Alert dlq(String queue, Severity severity) {
    return new Alert(
        "prod/sqs-dlq-not-empty:" + queue,
        "prod",
        "sqs-dlq-not-empty:" + queue,
        "Dead-letter queue has messages",
        severity,
        "3",
        "Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold (0.0).",
        "Look at the failed messages.");
  }

  public static Alert in(String environment, Alert a) {
    return new Alert(
        environment + "/" + a.alarmId(),
        environment,
        a.alarmId(),
        a.title(),
        a.severity(),
        a.value(),
        a.reason(),
        a.runbook());
  }

  public static AlertChange fires(Alert a, Instant at) {
    return new AlertChange(a, AlarmState.OK, AlarmState.ALARM, at);
  }

  public static AlertChange recovers(Alert a, Instant at) {
    return new AlertChange(
        new Alert(
            a.key(),
            a.environment(),
            a.alarmId(),
            a.title(),
            a.severity(),
            "40 %",
            "Threshold Crossed: no datapoint was greater than the threshold.",
            a.runbook()),
        AlarmState.ALARM,
        AlarmState.OK,
        at);
  }

  public static AlertChange change(Alert a, AlarmState from, AlarmState to, Instant at) {
    return new AlertChange(a, from, to, at);
  }

  public static GroupedAlarm firing(Alert a, Instant since) {
    return new GroupedAlarm(a, true, since, Optional.empty(), true);
  }

  public static GroupedAlarm resolved(Alert a, Instant since, Instant resolvedAt) {
    return new GroupedAlarm(a, false, since, Optional.of(resolvedAt), true);
  }
}
