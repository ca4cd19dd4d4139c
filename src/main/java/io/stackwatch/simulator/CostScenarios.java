package io.stackwatch.simulator;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changes to play on the simulated bill. Like the rest of the cost model they are functions of the
 * date, so they apply to any query of any range: a spike multiplies one day of one environment, an
 * over-budget run multiplies every day from the first of the current month on (by the simulator's
 * clock), forecasts included.
 */
public final class CostScenarios {

  private record Day(String environment, LocalDate day) {}

  private final Map<Day, Double> spikes = new ConcurrentHashMap<>();
  private final Map<String, Double> overBudget = new ConcurrentHashMap<>();

  CostScenarios() {}

  /**
   * Multiplies the cost of every line of {@code environment} on {@code day} by {@code factor}; a
   * second spike on the same day replaces the first.
   */
  public CostScenarios spike(String environment, LocalDate day, double factor) {
    spikes.put(new Day(environment, day), positive(factor));
    return this;
  }

  /**
   * Multiplies every day of {@code environment} from the first of the current month on by {@code
   * factor}, so the month so far and its forecast both run over the seed's monthly figure.
   */
  public CostScenarios overBudget(String environment, double factor) {
    overBudget.put(environment, positive(factor));
    return this;
  }

  /** Stops every scenario; all days cost what the model says again. */
  public void clear() {
    spikes.clear();
    overBudget.clear();
  }

  /** The factor the scenarios put on {@code environment}'s cost on {@code day}; 1 if none. */
  double factor(String environment, LocalDate day, LocalDate today) {
    if (spikes.isEmpty() && overBudget.isEmpty()) {
      return 1;
    }
    double factor = spikes.getOrDefault(new Day(environment, day), 1.0);
    Double over = overBudget.get(environment);
    if (over != null && !day.isBefore(today.withDayOfMonth(1))) {
      factor *= over;
    }
    return factor;
  }

  private static double positive(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number >= 0, got " + factor);
    }
    return factor;
  }
}
