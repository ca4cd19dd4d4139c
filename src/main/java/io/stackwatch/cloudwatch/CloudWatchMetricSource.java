package io.stackwatch.cloudwatch;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.store.Points;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** {@link MetricSource} over CloudWatch GetMetricData, through the real SDK client. */
@Singleton
public class CloudWatchMetricSource implements MetricSource {

  private final AwsClients clients;

  public CloudWatchMetricSource(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public List<Points> fetch(AwsTarget target, List<MetricStat> stats, Instant start, Instant end) {
    if (stats.size() > QueryPlanner.MAX_QUERIES) {
      throw new IllegalArgumentException(
          stats.size() + " queries in one GetMetricData; at most " + QueryPlanner.MAX_QUERIES);
    }
    List<MetricDataQuery> queries = new ArrayList<>(stats.size());
    for (int i = 0; i < stats.size(); i++) {
      queries.add(query("q" + i, stats.get(i)));
    }
    GetMetricDataRequest request =
        GetMetricDataRequest.builder()
            .metricDataQueries(queries)
            .startTime(start)
            .endTime(end)
            .scanBy(ScanBy.TIMESTAMP_ASCENDING)
            .build();

    List<Accumulator> results = new ArrayList<>(stats.size());
    for (int i = 0; i < stats.size(); i++) {
      results.add(new Accumulator());
    }
    try {
      for (GetMetricDataResponse page :
          clients.cloudWatch(target).getMetricDataPaginator(request)) {
        for (MetricDataResult r : page.metricDataResults()) {
          results.get(Integer.parseInt(r.id().substring(1))).add(r);
        }
      }
    } catch (SdkException e) {
      throw new Failure(AwsErrors.describe(e), e);
    }
    return results.stream().map(Accumulator::points).toList();
  }

  private static MetricDataQuery query(String id, MetricStat s) {
    Metric metric =
        Metric.builder()
            .namespace(s.namespace())
            .metricName(s.metricName())
            .dimensions(
                s.dimensions().stream()
                    .map(d -> Dimension.builder().name(d.name()).value(d.value()).build())
                    .toList())
            .build();
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(m -> m.metric(metric).period(s.periodSeconds()).stat(s.stat()))
        .returnData(true)
        .build();
  }

  /** The datapoints of one query across pages, sorted at the end in case pages interleave. */
  private static final class Accumulator {
    private final List<Instant> times = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    void add(MetricDataResult r) {
      times.addAll(r.timestamps());
      values.addAll(r.values());
    }

    Points points() {
      Integer[] order = new Integer[times.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparing(times::get));
      long[] t = new long[order.length];
      double[] v = new double[order.length];
      for (int i = 0; i < order.length; i++) {
        t[i] = times.get(order[i]).getEpochSecond();
        v[i] = values.get(order[i]);
      }
      return new Points(t, v);
    }
  }
}
