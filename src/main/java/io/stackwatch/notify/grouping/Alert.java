package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.Severity;

/**
 * An alarm as a notification tells of it.
 *
 * @param key unique across environments, such as {@code prod/rds-cpu-high}
 * @param environment environment name
 * @param alarmId the alarm's id within its environment
 * @param title the rule's title
 * @param severity the rule's severity in that environment
 * @param value the newest datapoint evaluated, in its unit, such as {@code 91 %}; empty if none
 * @param reason why it is in its state, in CloudWatch's words
 * @param runbook what to check first
 */
public record Alert(
    String key,
    String environment,
    String alarmId,
    String title,
    Severity severity,
    String value,
    String reason,
    String runbook) {

  /**
   * The resource the alarm is about, when its rule covers several (each queue, function or node):
   * what its id names after the rule's, such as {@code jobs-failed} of {@code
   * sqs-dlq-not-empty:jobs-failed}; empty for an alarm of one resource or of the environment.
   */
  public String resource() {
    int colon = alarmId.indexOf(':');
    return colon < 0 ? "" : alarmId.substring(colon + 1);
  }
}
