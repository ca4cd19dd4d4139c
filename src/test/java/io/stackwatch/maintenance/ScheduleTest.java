package io.stackwatch.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.maintenance.Schedule.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Through the first quarter of 2026 (tracked from Thursday 1 January), with the shipped grace
 * periods (daily 1 day, weekly 2, monthly 7, quarterly 14): when each cadence falls due, turns
 * overdue, and how a sign-off resets it.
 */
@Tag("plain")
class ScheduleTest {

  private static final Instant TRACKED = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} last done {1}, at {2}: {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        // cadence, last sign-off, now, status, due since
        "WEEKLY,    -,                    2026-01-01T10:00:00Z, DUE,     2026-01-01T00:00:00Z",
        "WEEKLY,    -,                    2026-01-02T23:59:59Z, DUE,     2026-01-01T00:00:00Z",
        "WEEKLY,    -,                    2026-01-03T00:00:00Z, OVERDUE, 2026-01-01T00:00:00Z",
        "WEEKLY,    -,                    2026-03-31T12:00:00Z, OVERDUE, 2026-01-01T00:00:00Z",
        "WEEKLY,    2026-01-03T09:00:00Z, 2026-01-03T10:00:00Z, DONE,    2026-01-05T00:00:00Z",
        "WEEKLY,    2026-01-03T09:00:00Z, 2026-01-04T23:59:59Z, DONE,    2026-01-05T00:00:00Z",
        "WEEKLY,    2026-01-03T09:00:00Z, 2026-01-05T00:00:00Z, DUE,     2026-01-05T00:00:00Z",
        "WEEKLY,    2026-01-03T09:00:00Z, 2026-01-06T23:59:59Z, DUE,     2026-01-05T00:00:00Z",
        "WEEKLY,    2026-01-03T09:00:00Z, 2026-01-07T00:00:00Z, OVERDUE, 2026-01-05T00:00:00Z",
        "WEEKLY,    2026-01-05T08:00:00Z, 2026-01-11T23:00:00Z, DONE,    2026-01-12T00:00:00Z",
        "DAILY,     -,                    2026-01-01T23:00:00Z, DUE,     2026-01-01T00:00:00Z",
        "DAILY,     -,                    2026-01-02T00:00:00Z, OVERDUE, 2026-01-01T00:00:00Z",
        "DAILY,     2026-03-10T08:00:00Z, 2026-03-10T20:00:00Z, DONE,    2026-03-11T00:00:00Z",
        "DAILY,     2026-03-10T08:00:00Z, 2026-03-11T00:00:00Z, DUE,     2026-03-11T00:00:00Z",
        "DAILY,     2026-03-10T08:00:00Z, 2026-03-12T00:00:00Z, OVERDUE, 2026-03-11T00:00:00Z",
        "MONTHLY,   -,                    2026-01-07T23:59:59Z, DUE,     2026-01-01T00:00:00Z",
        "MONTHLY,   -,                    2026-01-08T00:00:00Z, OVERDUE, 2026-01-01T00:00:00Z",
        "MONTHLY,   2026-01-31T23:00:00Z, 2026-01-31T23:30:00Z, DONE,    2026-02-01T00:00:00Z",
        "MONTHLY,   2026-01-31T23:00:00Z, 2026-02-01T00:00:00Z, DUE,     2026-02-01T00:00:00Z",
        "MONTHLY,   2026-01-31T23:00:00Z, 2026-02-08T00:00:00Z, OVERDUE, 2026-02-01T00:00:00Z",
        "MONTHLY,   2026-02-01T00:00:00Z, 2026-02-28T23:59:59Z, DONE,    2026-03-01T00:00:00Z",
        "QUARTERLY, -,                    2026-01-14T23:59:59Z, DUE,     2026-01-01T00:00:00Z",
        "QUARTERLY, -,                    2026-01-15T00:00:00Z, OVERDUE, 2026-01-01T00:00:00Z",
        "QUARTERLY, 2026-02-10T15:00:00Z, 2026-03-31T23:59:59Z, DONE,    2026-04-01T00:00:00Z",
        "QUARTERLY, 2026-02-10T15:00:00Z, 2026-04-01T00:00:00Z, DUE,     2026-04-01T00:00:00Z",
        "QUARTERLY, 2026-02-10T15:00:00Z, 2026-04-15T00:00:00Z, OVERDUE, 2026-04-01T00:00:00Z",
      })
  void dueOverdueAndReset(
      Cadence cadence, Instant lastDone, Instant now, Status status, Instant dueAt) {
    Schedule.State state =
        Schedule.state(
            cadence, cadence.defaultGrace(), Optional.ofNullable(lastDone), TRACKED, now);
    assertThat(state.status()).isEqualTo(status);
    assertThat(state.dueAt()).isEqualTo(dueAt);
    assertThat(state.overdueAt()).isEqualTo(dueAt.plus(cadence.defaultGrace()));
  }

  @ParameterizedTest(name = "{0} period of {1} starts {2}")
  @CsvSource({
    "WEEKLY,    2026-01-04, 2025-12-29",
    "WEEKLY,    2026-01-05, 2026-01-05",
    "MONTHLY,   2026-02-28, 2026-02-01",
    "QUARTERLY, 2026-03-31, 2026-01-01",
    "QUARTERLY, 2026-04-01, 2026-04-01",
    "QUARTERLY, 2026-08-15, 2026-07-01",
    "QUARTERLY, 2026-12-31, 2026-10-01",
  })
  void periodsFollowTheCalendar(Cadence cadence, LocalDate day, LocalDate start) {
    assertThat(cadence.periodStart(day)).isEqualTo(start);
  }

  @ParameterizedTest(name = "{0} never done, tracked from {1}")
  @CsvSource({
    // A fresh install mid-week is due from then, not from the Monday it never saw.
    "WEEKLY,  2026-01-07T15:00:00Z, 2026-01-09T14:59:59Z, DUE",
    "WEEKLY,  2026-01-07T15:00:00Z, 2026-01-09T15:00:00Z, OVERDUE",
  })
  void aNewChoreIsDueFromWhenItWasFirstTracked(
      Cadence cadence, Instant tracked, Instant now, Status status) {
    assertThat(
            Schedule.state(cadence, cadence.defaultGrace(), Optional.empty(), tracked, now)
                .status())
        .isEqualTo(status);
  }
}
