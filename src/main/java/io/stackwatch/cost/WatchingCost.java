package io.stackwatch.cost;

import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.Collection;

/**
 * What watching costs per month at the configured cadences, at list price: GetMetricData is billed
 * per metric requested ($0.01 per 1,000) and each series is fetched once per refresh; Cost Explorer
 * per request ($0.01), at most the daily cap.
 *
 * @param cloudWatchUsd GetMetricData per 30-day month
 * @param costExplorerUsd Cost Explorer per 30-day month
 */
public record WatchingCost(double cloudWatchUsd, double costExplorerUsd) {

  static final Duration MONTH = Duration.ofDays(30);
  static final double PER_METRIC = 0.01 / 1000;
  static final double PER_CE_REQUEST = 0.01;

  public double totalUsd() {
    return cloudWatchUsd + costExplorerUsd;
  }

  /** The planned spend: each distinct statistic at its fastest refresh, Cost Explorer capped. */
  public static WatchingCost planned(
      Collection<SeriesPlan> plans, CostConfig cost, int environments) {
    double metricsPerMonth =
        plans.stream()
            .flatMap(p -> p.fetched().stream())
            .filter(s -> s.stat().isPresent())
            .collect(
                java.util.stream.Collectors.toMap(
                    s -> s.stat().get(), Series::refresh, (a, b) -> a.compareTo(b) < 0 ? a : b))
            .values()
            .stream()
            .mapToDouble(r -> (double) MONTH.toSeconds() / r.toSeconds())
            .sum();
    double refreshesPerDay = (double) Duration.ofDays(1).toSeconds() / cost.refresh().toSeconds();
    double forecastsPerDay =
        environments * (double) Duration.ofDays(1).toSeconds() / cost.forecastRefresh().toSeconds();
    double ceRequestsPerDay = Math.min(cost.maxRequestsPerDay(), refreshesPerDay + forecastsPerDay);
    return new WatchingCost(metricsPerMonth * PER_METRIC, ceRequestsPerDay * 30 * PER_CE_REQUEST);
  }
}
