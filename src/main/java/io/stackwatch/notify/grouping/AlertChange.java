package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.AlarmState;
import java.time.Instant;

/**
 * A transition of an alarm, as the grouping takes it.
 *
 * @param alert the alarm as of the transition
 * @param from the state before
 * @param to the state after
 * @param at when it changed
 */
public record AlertChange(Alert alert, AlarmState from, AlarmState to, Instant at) {}
