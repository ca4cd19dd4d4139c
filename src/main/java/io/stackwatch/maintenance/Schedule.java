package io.stackwatch.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a chore is due and overdue: a pure function of its cadence, grace, last sign-off and the
 * time. A chore is needed once per calendar period (see {@link Cadence}); a sign-off covers the
 * period it falls in. The first period not covered is due from its first day (or, for a chore never
 * signed off, from when stackwatch began tracking it, so a fresh install does not start overdue),
 * and overdue once its grace has passed. A sign-off settles every earlier period too: what matters
 * is that the chore was done recently, not how many times.
 */
public final class Schedule {

  private Schedule() {}

  /** Done for the current period, due, or due and past its grace. */
  public enum Status {
    DONE,
    DUE,
    OVERDUE
  }

  /**
   * A chore's state at one moment.
   *
   * @param status done, due or overdue
   * @param dueAt when the first period not covered by a sign-off began (in the future when done)
   * @param overdueAt when it is (or was) overdue if not signed off
   */
  public record State(Status status, Instant dueAt, Instant overdueAt) {
    public boolean isOverdue() {
      return status == Status.OVERDUE;
    }
  }

  /**
   * @param lastDone the newest sign-off, if any
   * @param trackedSince when stackwatch first knew the chore
   */
  public static State state(
      Cadence cadence,
      Duration grace,
      Optional<Instant> lastDone,
      Instant trackedSince,
      Instant now) {
    Instant dueAt =
        lastDone
            .map(done -> start(cadence.next(cadence.periodStart(day(done)))))
            .orElse(trackedSince);
    Instant overdueAt = dueAt.plus(grace);
    Status status;
    if (now.isBefore(dueAt)) {
      status = Status.DONE;
    } else {
      status = now.isBefore(overdueAt) ? Status.DUE : Status.OVERDUE;
    }
    return new State(status, dueAt, overdueAt);
  }

  /** Whether a result gathered at {@code at} still counts for the period that holds {@code now}. */
  public static boolean samePeriod(Cadence cadence, Instant at, Instant now) {
    return cadence.periodStart(day(at)).equals(cadence.periodStart(day(now)));
  }

  static LocalDate day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
