package io.stackwatch.cost;

import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What watching costs per month at the configured cadences, at list price: GetMetricData is billed
 * per metric requested ($0.01 per 1,000) and each series is fetched once per refresh; Cost Explorer
 * per request ($0.01), at most the daily cap; discovery's ListMetrics per request ($0.01 per
 * 1,000), while GetResources and GetCallerIdentity are free.
 *
 * @param cloudWatchUsd GetMetricData per 30-day month
 * @param costExplorerUsd Cost Explorer per 30-day month
 * @param discoveryUsd ListMetrics per 30-day month
 */
public record WatchingCost(double cloudWatchUsd, double costExplorerUsd, double discoveryUsd) {

  static final Duration MONTH = Duration.ofDays(30);
  static final double PER_METRIC = 0.01 / 1000;
  static final double PER_CE_REQUEST = 0.01;
  static final double PER_LIST_METRICS_REQUEST = 0.01 / 1000;

  /**
   * ListMetrics requests of one environment's discovery: a target group's load balancer and an HTTP
   * API's stage, one page each (500 metrics a page).
   */
  public static final int LIST_METRICS_PER_DISCOVERY = 2;

  public double totalUsd() {
    return cloudWatchUsd + costExplorerUsd + discoveryUsd;
  }

  /**
   * The planned spend: each distinct statistic at its fastest refresh, Cost Explorer capped, and
   * discovery's requests at its interval.
   *
   * @param rediscovery how often resources are found again; empty when they are not searched
   */
  public static WatchingCost planned(
      Collection<SeriesPlan> plans,
      CostConfig cost,
      int environments,
      Optional<Duration> rediscovery) {
    double metricsPerMonth =
        plans.stream()
            .flatMap(p -> p.fetched().stream())
            .filter(s -> s.stat().isPresent())
            .collect(
                Collectors.toMap(
                    s -> s.stat().get(), Series::refresh, (a, b) -> a.compareTo(b) < 0 ? a : b))
            .values()
            .stream()
            .mapToDouble(WatchingCost::perMonth)
            .sum();
    double refreshesPerDay = (double) Duration.ofDays(1).toSeconds() / cost.refresh().toSeconds();
    double forecastsPerDay =
        environments * (double) Duration.ofDays(1).toSeconds() / cost.forecastRefresh().toSeconds();
    double ceRequestsPerDay = Math.min(cost.maxRequestsPerDay(), refreshesPerDay + forecastsPerDay);
    double listMetricsPerMonth =
        rediscovery.map(i -> environments * LIST_METRICS_PER_DISCOVERY * perMonth(i)).orElse(0d);
    return new WatchingCost(
        metricsPerMonth * PER_METRIC,
        ceRequestsPerDay * 30 * PER_CE_REQUEST,
        listMetricsPerMonth * PER_LIST_METRICS_REQUEST);
  }

  private static double perMonth(Duration every) {
    return (double) MONTH.toSeconds() / every.toSeconds();
  }
}
