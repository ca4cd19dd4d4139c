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
 * was an anomaly (1) or not (0). The budget verdict waits for the month: while no more than {@code
 * stackwatch.cost.budget-alarm-after-days} of it are priced, a forecast over the budget by no more
 * than {@code budget-alarm-margin-percent} is not recorded (its alarm keeps its state, {@code
 * treat-missing-data: ignore}); one at or under the budget, or over by more, is.
 */
@Singleton
public class CostSeries {

  private final Catalog catalog;
  private final Costs costs;
  private final SampleStore samples;
  private final Clock clock;
  private final int afterDays;
  private final double marginPercent;

  @jakarta.inject.Inject
  public CostSeries(
      Catalog catalog, Costs costs, SampleStore samples, CostConfig config, Clock clock) {
    this(
        catalog,
        costs,
        samples,
        clock,
        config.budgetAlarmAfterDays(),
        config.budgetAlarmMarginPercent());
  }

  /** With the defaults of {@link CostConfig}: one day priced, 10 % over. */
  public CostSeries(Catalog catalog, Costs costs, SampleStore samples, Clock clock) {
    this(catalog, costs, samples, clock, 1, 10);
  }

  public CostSeries(
      Catalog catalog,
      Costs costs,
      SampleStore samples,
      Clock clock,
      int afterDays,
      double marginPercent) {
    this.catalog = catalog;
    this.costs = costs;
    this.samples = samples;
    this.clock = clock;
    this.afterDays = afterDays;
    this.marginPercent = marginPercent;
  }

  /**
   * Whether the budget alarm may judge a forecast of {@code percent} of the budget on {@code
   * today}: once more than {@code afterDays} of the month are priced (today is not), or when the
   * forecast is over by more than {@code marginPercent}, or not over at all.
   */
  public static boolean judged(
      double percent, LocalDate today, int afterDays, double marginPercent) {
    int priced = today.getDayOfMonth() - 1;
    return priced > afterDays || percent <= 100 || percent > 100 + marginPercent;
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
        if (judged(percent, today, afterDays, marginPercent)) {
          put(env, "cost.forecast_budget_ratio", minute, percent);
        }
      }
      boolean anomaly = s.anomalies().stream().anyMatch(d -> !d.isBefore(today.minusDays(2)));
      put(env, "cost.anomaly", minute, anomaly ? 1 : 0);
    }
  }

  private void put(Environment env, String id, long at, double value) {
    samples.put(env.name() + "/" + id, new long[] {at}, new double[] {value});
  }
}
