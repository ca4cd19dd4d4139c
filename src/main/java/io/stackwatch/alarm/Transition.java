package io.stackwatch.alarm;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of an alarm's state, as recorded in its history.
 *
 * @param alarmKey the alarm's key, such as {@code prod/rds-cpu-high}
 * @param environment environment name
 * @param alarmId the alarm's id within its environment
 * @param title the rule's title
 * @param severity the rule's severity in that environment
 * @param from the state before
 * @param to the state after
 * @param at when it changed
 * @param value the newest datapoint evaluated, if any
 * @param reason why, in CloudWatch's words
 */
public record Transition(
    String alarmKey,
    String environment,
    String alarmId,
    String title,
    Severity severity,
    AlarmState from,
    AlarmState to,
    Instant at,
    Optional<Double> value,
    String reason) {}
