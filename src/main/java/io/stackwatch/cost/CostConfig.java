package io.stackwatch.cost;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How Cost Explorer is asked, under {@code stackwatch.cost}. */
@ConfigMapping(prefix = "stackwatch.cost")
public interface CostConfig {

  /**
   * How often month-to-date costs are asked again. Default 8 hours: Cost Explorer's data changes
   * about three times a day, so asking more often mostly buys the same answer.
   */
  @WithDefault("8h")
  Duration refresh();

  /** How often each environment's forecast is asked again. Default 24 hours. */
  @WithDefault("24h")
  Duration forecastRefresh();

  /** Hard cap on Cost Explorer requests (pages included) per UTC day. Default 8. */
  @WithDefault("8")
  int maxRequestsPerDay();

  /** The cost-allocation tag whose value names the environment. Default {@code Environment}. */
  @WithDefault("Environment")
  String tagKey();

  /** {@code UnblendedCost} (default), {@code AmortizedCost} or {@code NetUnblendedCost}. */
  @WithDefault("UnblendedCost")
  CostMetric metric();

  /** Standard deviations above the trailing 14-day mean that make a day an anomaly. Default 3. */
  @WithDefault("3")
  double anomalySigmas();

  /** If set, a day above this factor of the trailing 14-day mean is an anomaly instead. */
  Optional<Double> anomalyRatio();

  /**
   * Days of the month Cost Explorer must have priced before the budget alarm judges the forecast: a
   * forecast drawn from a day or less of spend is noise. Default 1: the alarm judges from the
   * month's third day (two days priced), unless the forecast is over by more than {@link
   * #budgetAlarmMarginPercent()}.
   */
  @WithDefault("1")
  int budgetAlarmAfterDays();

  /**
   * How far over the budget, in percent of it, a forecast fires the budget alarm however young the
   * month. Default 10: a forecast above 110 % of the budget.
   */
  @WithDefault("10")
  double budgetAlarmMarginPercent();

  /** Role in the account that pays (the management account) to read Cost Explorer. */
  Optional<String> roleArn();

  /** The cost metric to read. */
  enum CostMetric {
    UnblendedCost("UNBLENDED_COST"),
    AmortizedCost("AMORTIZED_COST"),
    NetUnblendedCost("NET_UNBLENDED_COST");

    private final String forecastName;

    CostMetric(String forecastName) {
      this.forecastName = forecastName;
    }

    /** The name GetCostForecast uses for the same metric. */
    public String forecastName() {
      return forecastName;
    }
  }
}
