package io.stackwatch.cloudwatch;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the GetMetricData requests of one poll: the due series of each account and region,
 * identical statistics asked once, at most {@value #MAX_QUERIES} queries a request. So a poll of N
 * distinct series in one account and region sends exactly ceil(N / 500) requests (more only when
 * CloudWatch pages an answer).
 */
public final class QueryPlanner {

  /** GetMetricData's limit of queries per request. */
  public static final int MAX_QUERIES = 500;

  private QueryPlanner() {}

  /**
   * A series due for fetching.
   *
   * @param series the series
   * @param target where it is read
   * @param from the start of the window it needs
   */
  public record Due(Series series, AwsTarget target, Instant from) {}

  /**
   * One GetMetricData request.
   *
   * @param target where it goes
   * @param stats its queries, distinct
   * @param consumers for each query, the series that take its result
   * @param start window start, the earliest its series need
   * @param end window end (exclusive)
   */
  public record Batch(
      AwsTarget target,
      List<MetricStat> stats,
      List<List<Series>> consumers,
      Instant start,
      Instant end) {}

  public static List<Batch> plan(List<Due> due, Instant end) {
    Map<AwsTarget, Map<MetricStat, List<Due>>> byTarget = new LinkedHashMap<>();
    for (Due d : due) {
      MetricStat stat = d.series().stat().orElseThrow();
      byTarget
          .computeIfAbsent(d.target(), t -> new LinkedHashMap<>())
          .computeIfAbsent(stat, s -> new ArrayList<>())
          .add(d);
    }
    List<Batch> batches = new ArrayList<>();
    byTarget.forEach(
        (target, stats) -> {
          // Series with similar windows share a request, so few requests read far back.
          List<Map.Entry<MetricStat, List<Due>>> ordered = new ArrayList<>(stats.entrySet());
          ordered.sort(Comparator.comparing(e -> earliest(e.getValue())));
          for (int i = 0; i < ordered.size(); i += MAX_QUERIES) {
            List<Map.Entry<MetricStat, List<Due>>> chunk =
                ordered.subList(i, Math.min(i + MAX_QUERIES, ordered.size()));
            batches.add(
                new Batch(
                    target,
                    chunk.stream().map(Map.Entry::getKey).toList(),
                    chunk.stream()
                        .map(e -> e.getValue().stream().map(Due::series).toList())
                        .toList(),
                    chunk.stream().map(e -> earliest(e.getValue())).min(Instant::compareTo).get(),
                    end));
          }
        });
    return batches;
  }

  private static Instant earliest(List<Due> dues) {
    return dues.stream().map(Due::from).min(Instant::compareTo).get();
  }
}
