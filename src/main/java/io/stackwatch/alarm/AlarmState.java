package io.stackwatch.alarm;

/**
 * The state of an alarm, as CloudWatch names it. A new alarm starts in {@link #INSUFFICIENT_DATA},
 * as CloudWatch's do, and only a change of state is a transition worth telling anyone about.
 */
public enum AlarmState {
  OK,
  ALARM,
  INSUFFICIENT_DATA
}
