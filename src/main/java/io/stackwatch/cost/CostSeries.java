package io.stackwatch.cost;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Records each environment's cost verdicts as series, once a poll, so the alarm rules read them
 * like any metric: the forecast against the budget in percent, and whether a day of the last three
 * was an anomaly (1) or not (0).
 */
@Singleton
public class CostSeries {

  private final Catalog catalog;
  private final Costs costs;
  private final SampleStore samples;
  private final Clock clock;

  public CostSeries(Catalog catalog, Costs costs, SampleStore samples, Clock clock) {
    this.catalog = catalog;
    this.costs = costs;
    this.samples = samples;
    this.clock = clock;
  }

  /** Writes the newest complete minute's points. */
  public void record() {
    long minute = clock.instant().getEpochSecond() / 60 * 60 - 60;
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (costs.asOf().isEmpty()) {
      return;
    }
    for (Environment env : catalog.environments()) {
      CostSummary s = costs.summary(env.name()).orElseThrow();
      if (s.forecastMonth().isPresent() && env.monthlyBudget().signum() > 0) {
        double percent =
            s.forecastMonth()
                .get()
                .multiply(BigDecimal.valueOf(100))
                .divide(env.monthlyBudget(), 2, RoundingMode.HALF_UP)
                .doubleValue();
        put(env, "cost.forecast_budget_ratio", minute, percent);
      }
      boolean anomaly = s.anomalies().stream().anyMatch(d -> !d.isBefore(today.minusDays(2)));
      put(env, "cost.anomaly", minute, anomaly ? 1 : 0);
    }
  }

  private void put(Environment env, String id, long at, double value) {
    samples.put(env.name() + "/" + id, new long[] {at}, new double[] {value});
  }
}
