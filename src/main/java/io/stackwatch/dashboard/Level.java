package io.stackwatch.dashboard;

/** How a panel's value reads against its {@link Levels}; {@link #NONE} when there is no value. */
public enum Level {
  NONE,
  OK,
  WARNING,
  CRITICAL
}
