package io.stackwatch.cloudwatch;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

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
    List<String> messages = new ArrayList<>();
    try {
      for (GetMetricDataResponse page :
          clients.cloudWatch(target).getMetricDataPaginator(request)) {
        for (MetricDataResult r : page.metricDataResults()) {
          int i = parseId(r.id(), results.size());
          if (i >= 0) {
            results.get(i).add(r);
          }
        }
        page.messages().forEach(m -> messages.add(m.code() + ": " + m.value()));
      }
    } catch (AwsServiceException e) {
      boolean server = e.statusCode() >= 500;
      // A 400 refuses what was asked; 401 and 403 refuse who asks (a role STS would not give):
      // splitting the request cannot help those.
      boolean refused = !e.isThrottlingException() && (server || e.statusCode() == 400);
      throw new Failure(AwsErrors.describe(e), e, refused, server, false);
    } catch (SdkException e) {
      throw new Failure(AwsErrors.describe(e), e, false, false, timedOut(e));
    }
    List<Points> points = results.stream().map(Accumulator::points).toList();
    // CloudWatch answers every query, if only with an empty result: one not answered is missing.
    List<Boolean> incomplete = results.stream().map(a -> a.partial || !a.seen).toList();
    if (incomplete.contains(true)) {
      long missing = results.stream().filter(a -> !a.seen).count();
      throw new PartialData(
          (missing > 0
                  ? "CloudWatch left " + missing + " of " + results.size() + " queries unanswered"
                  : "CloudWatch returned partial data")
              + (messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")"),
          points,
          incomplete);
    }
    return points;
  }

  /** The SDK's own timeouts, or the HTTP client's read timeout, anywhere in the causes. */
  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiCallAttemptTimeoutException
          || t instanceof ApiCallTimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The index in an id {@code q<i>} we sent, or -1 for an id we never sent. */
  private static int parseId(String id, int count) {
    if (id == null || id.length() < 2 || id.charAt(0) != 'q') {
      return -1;
    }
    try {
      int i = Integer.parseInt(id.substring(1));
      return i < count ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
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
    private boolean partial;
    private boolean seen;

    void add(MetricDataResult r) {
      seen = true;
      // A result whose lists disagree in length is cut short: keep the pairs that are whole.
      int n = Math.min(r.timestamps().size(), r.values().size());
      times.addAll(r.timestamps().subList(0, n));
      values.addAll(r.values().subList(0, n));
      // The last page's status counts: PartialData there means nothing more was offered.
      partial = r.statusCode() == StatusCode.PARTIAL_DATA || n < r.timestamps().size();
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
