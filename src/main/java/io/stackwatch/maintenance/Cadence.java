package io.stackwatch.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How often a chore is due, aligned to the calendar (UTC): daily at midnight, weekly on Monday,
 * monthly on the 1st, quarterly on the 1st of January, April, July and October.
 */
public enum Cadence {
  DAILY(Duration.ofDays(1)),
  WEEKLY(Duration.ofDays(2)),
  MONTHLY(Duration.ofDays(7)),
  QUARTERLY(Duration.ofDays(14));

  private final Duration defaultGrace;

  Cadence(Duration defaultGrace) {
    this.defaultGrace = defaultGrace;
  }

  /** How it is written in {@code maintenance.yaml}: {@code daily}, {@code weekly}, ... */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * How long after its due date an undone chore becomes overdue, unless the checklist sets it: a
   * day for daily chores, two days for weekly, a week for monthly, two weeks for quarterly.
   */
  public Duration defaultGrace() {
    return defaultGrace;
  }

  /** The period's usual length: a day, a week, 30 days, 91 days. */
  public Duration length() {
    return switch (this) {
      case DAILY -> Duration.ofDays(1);
      case WEEKLY -> Duration.ofDays(7);
      case MONTHLY -> Duration.ofDays(30);
      case QUARTERLY -> Duration.ofDays(91);
    };
  }

  /** The first day of the period that holds {@code day}. */
  public LocalDate periodStart(LocalDate day) {
    return switch (this) {
      case DAILY -> day;
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTHLY -> day.withDayOfMonth(1);
      case QUARTERLY -> day.withMonth((day.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
    };
  }

  /** The first day of the period after the one that starts on {@code periodStart}. */
  public LocalDate next(LocalDate periodStart) {
    return switch (this) {
      case DAILY -> periodStart.plusDays(1);
      case WEEKLY -> periodStart.plusWeeks(1);
      case MONTHLY -> periodStart.plusMonths(1);
      case QUARTERLY -> periodStart.plusMonths(3);
    };
  }
}
