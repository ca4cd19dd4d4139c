package io.stackwatch.maintenance;

import io.stackwatch.store.SampleStore;
import io.stackwatch.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Records each environment's count of overdue critical chores as a series, once a poll, so an alarm
 * rule reads it like any metric ({@code stackwatch/Maintenance OverdueCritical}).
 */
@Singleton
public class MaintenanceSeries {

  /** The recorded series' id in each environment's plan. */
  public static final String ID = "maintenance.overdue_critical";

  private final Maintenance maintenance;
  private final SampleStore samples;
  private final Clock clock;

  public MaintenanceSeries(Maintenance maintenance, SampleStore samples, Clock clock) {
    this.maintenance = maintenance;
    this.samples = samples;
    this.clock = clock;
  }

  /**
   * Writes the newest complete minute's point of every environment. While the store (which keeps
   * the sign-offs) is unavailable it writes nothing: the alarm sees missing data, not a guess.
   */
  public void record() {
    long minute = clock.instant().getEpochSecond() / 60 * 60 - 60;
    for (var env : maintenance.environments()) {
      double overdue;
      try {
        overdue = maintenance.overdueCritical(env.name());
      } catch (StoreUnavailableException e) {
        return;
      }
      samples.put(env.name() + "/" + ID, new long[] {minute}, new double[] {overdue});
    }
  }
}
