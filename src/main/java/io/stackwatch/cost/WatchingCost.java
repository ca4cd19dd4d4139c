package io.stackwatch.cost;

import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What watching costs per month at the configured cadences, at list price, line by line: the plan
 * {@code /cost} states. GetMetricData is billed per metric requested ($0.01 per 1,000) and each
 * distinct statistic is fetched once per refresh of its most demanding reader; Cost Explorer per
 * request ($0.01), at most the daily cap; discovery's ListMetrics per request ($0.01 per 1,000),
 * while GetResources and GetCallerIdentity are free.
 *
 * @param plan one line per cadence of each call, fastest first
 */
public record WatchingCost(List<Line> plan) {

  static final Duration MONTH = Duration.ofDays(30);
  static final double PER_METRIC = 0.01 / 1000;
  static final double PER_CE_REQUEST = 0.01;
  static final double PER_LIST_METRICS_REQUEST = 0.01 / 1000;

  /**
   * ListMetrics requests of one environment's discovery: a target group's load balancer and an HTTP
   * API's stage, one page each (500 metrics a page).
   */
  public static final int LIST_METRICS_PER_DISCOVERY = 2;

  public WatchingCost {
    plan = List.copyOf(plan);
  }

  /** The calls stackwatch makes on a schedule, as {@code /cost} names them. */
  public enum Api {
    GET_METRIC_DATA("CloudWatch GetMetricData"),
    COST_EXPLORER("Cost Explorer"),
    LIST_METRICS("CloudWatch ListMetrics");

    private final String title;

    Api(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /**
   * One line of the plan.
   *
   * @param api the call
   * @param every how often it is made
   * @param what what is asked at that cadence, and for whom: {@code 89 statistics (alarm rules)}
   * @param billedPerMonth metrics (GetMetricData) or requests (Cost Explorer, ListMetrics) billed
   * @param usdPerMonth their price per 30-day month
   */
  public record Line(
      Api api, Duration every, String what, double billedPerMonth, double usdPerMonth) {

    /** GetMetricData asking {@code metrics} metrics every {@code every}. */
    public static Line metrics(Duration every, String what, int metrics) {
      double billed = metrics * perMonth(every);
      return new Line(Api.GET_METRIC_DATA, every, what, billed, billed * PER_METRIC);
    }
  }

  /** With more lines, each beside the others of its call, fastest first. */
  public WatchingCost and(List<Line> more) {
    List<Line> all = new ArrayList<>(plan);
    all.addAll(more);
    all.sort(Comparator.comparing(Line::api).thenComparing(Line::every));
    return new WatchingCost(all);
  }

  public double cloudWatchUsd() {
    return usd(Api.GET_METRIC_DATA);
  }

  public double costExplorerUsd() {
    return usd(Api.COST_EXPLORER);
  }

  public double discoveryUsd() {
    return usd(Api.LIST_METRICS);
  }

  public double totalUsd() {
    return plan.stream().mapToDouble(Line::usdPerMonth).sum();
  }

  private double usd(Api api) {
    return plan.stream().filter(l -> l.api() == api).mapToDouble(Line::usdPerMonth).sum();
  }

  /**
   * The planned spend: each distinct statistic at its fastest refresh, grouped by refresh with the
   * readers that ask it; Cost Explorer's month to date and forecasts at their refresh, held to the
   * daily cap; discovery's requests at its interval.
   *
   * @param rediscovery how often resources are found again; empty when they are not searched
   */
  public static WatchingCost planned(
      Collection<SeriesPlan> plans,
      CostConfig cost,
      int environments,
      Optional<Duration> rediscovery) {
    List<Line> lines = new ArrayList<>(cloudWatch(plans));

    double refreshes = perDay(cost.refresh());
    double forecasts = environments * perDay(cost.forecastRefresh());
    // Past the cap, the requests not sent are the later ones of the day: both kinds shrink alike.
    double capped = Math.min(1, cost.maxRequestsPerDay() / (refreshes + forecasts));
    lines.add(
        new Line(
            Api.COST_EXPLORER,
            cost.refresh(),
            "this month's costs by environment and service",
            refreshes * capped * 30,
            refreshes * capped * 30 * PER_CE_REQUEST));
    lines.add(
        new Line(
            Api.COST_EXPLORER,
            cost.forecastRefresh(),
            environments + (environments == 1 ? " forecast" : " forecasts, one per environment"),
            forecasts * capped * 30,
            forecasts * capped * 30 * PER_CE_REQUEST));
    rediscovery.ifPresent(
        every -> {
          double requests = environments * LIST_METRICS_PER_DISCOVERY * perMonth(every);
          lines.add(
              new Line(
                  Api.LIST_METRICS,
                  every,
                  "finding resources, " + LIST_METRICS_PER_DISCOVERY + " per environment",
                  requests,
                  requests * PER_LIST_METRICS_REQUEST));
        });
    return new WatchingCost(lines);
  }

  /** One line per refresh: the distinct statistics fetched at it, and who asks them. */
  private static List<Line> cloudWatch(Collection<SeriesPlan> plans) {
    Map<MetricStat, Duration> fastest = new HashMap<>();
    Map<MetricStat, String> reader = new HashMap<>();
    for (SeriesPlan p : plans) {
      for (Series s : p.fetched()) {
        if (s.stat().isEmpty()) {
          continue;
        }
        MetricStat m = s.stat().get();
        Duration before = fastest.get(m);
        if (before == null || s.refresh().compareTo(before) < 0) {
          fastest.put(m, s.refresh());
          reader.put(m, p.readers().getOrDefault(s.id(), "every series"));
        }
      }
    }
    Map<Duration, List<MetricStat>> byRefresh = new TreeMap<>();
    fastest.forEach((m, r) -> byRefresh.computeIfAbsent(r, k -> new ArrayList<>()).add(m));
    List<Line> lines = new ArrayList<>();
    byRefresh.forEach(
        (every, stats) -> {
          TreeSet<String> readers = new TreeSet<>();
          stats.forEach(m -> readers.add(reader.get(m)));
          lines.add(
              Line.metrics(
                  every,
                  stats.size() + " statistics (" + String.join(", ", readers) + ")",
                  stats.size()));
        });
    return lines;
  }

  /** How many times a day something done every {@code every} happens. */
  private static double perDay(Duration every) {
    return (double) Duration.ofDays(1).toSeconds() / every.toSeconds();
  }

  private static double perMonth(Duration every) {
    return (double) MONTH.toSeconds() / every.toSeconds();
  }

  /** A refresh as the plan writes it: {@code 5 min}, {@code 1 h}, {@code 24 h}, {@code 7 d}. */
  public static String every(Duration d) {
    if (d.toSeconds() % 86_400 == 0 && d.toDays() > 1) {
      return d.toDays() + " d";
    }
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + " h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }
}
