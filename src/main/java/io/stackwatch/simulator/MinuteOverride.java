package io.stackwatch.simulator;

/** Replaces a series' per-minute values while a scenario plays. */
@FunctionalInterface
public interface MinuteOverride {

  /**
   * The value for the minute starting at {@code minuteStart} (epoch seconds, a multiple of 60): the
   * gauge's level or the count in that minute; NaN where the override does not apply.
   */
  double valueAt(long minuteStart);
}
