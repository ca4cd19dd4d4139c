package io.stackwatch.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector against endpoints we did not write, scripted: one slower than the attempt timeout
 * for a large request, one that answers HTTP 500 to any request holding a percentile.
 */
@Tag("plain")
class AdaptiveCollectionTest {

  final TestClock clock = new TestClock();
  final SampleStore store = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
  final Freshness freshness = new Freshness(Duration.ofMinutes(12));
  final SeriesPlans plans =
      SeriesPlans.offered(SeedStack.CATALOG, SeedStack.SERIES, SeedStack.CADENCE);

  /** Answers one point a minute per query, after its rules. */
  static final class Endpoint implements MetricSource {
    final List<Integer> asked = new ArrayList<>();
    long timesOutAbove = Long.MAX_VALUE;
    Predicate<MetricStat> refuses = s -> false;

    @Override
    public List<Points> fetch(
        AwsTarget target, List<MetricStat> stats, Instant start, Instant end) {
      long minutes = Duration.between(start, end).toMinutes();
      asked.add(stats.size());
      if (stats.size() * minutes > timesOutAbove) {
        throw new Failure(
            "ApiCallAttemptTimeoutException: HTTP request execution did not complete in time",
            null,
            false,
            false,
            true);
      }
      if (stats.stream().anyMatch(refuses)) {
        throw new Failure(
            "InternalServiceError: Internal service error (HTTP 500)", null, true, true, false);
      }
      List<Points> out = new ArrayList<>();
      for (int q = 0; q < stats.size(); q++) {
        long[] t = new long[(int) minutes];
        double[] v = new double[(int) minutes];
        for (int i = 0; i < minutes; i++) {
          t[i] = start.getEpochSecond() + 60L * i;
          v[i] = i;
        }
        out.add(new Points(t, v));
      }
      return out;
    }
  }

  final Endpoint endpoint = new Endpoint();

  CloudWatchCollector collector() {
    SmallRyeConfig config = SeedStack.defaults(PollConfig.class, AwsConfig.class);
    return new CloudWatchCollector(
        SeedStack.CATALOG,
        plans,
        endpoint,
        store,
        freshness,
        config.getConfigMapping(PollConfig.class),
        config.getConfigMapping(AwsConfig.class),
        clock,
        new SimpleMeterRegistry());
  }

  List<Series> fetched() {
    return plans.all().stream().flatMap(p -> p.fetched().stream()).toList();
  }

  @Test
  void aSlowEndpointGetsTheNewestMinutesFirstThenTheWholeBackfillInRequestsItAnswers() {
    CloudWatchCollector collector = collector();
    int series = fetched().size();
    // The endpoint answers up to 12,000 datapoints in time: the 3-hour backfill of every series
    // (about 35,000) is far beyond it.
    endpoint.timesOutAbove = 12_000;

    PollResult first = collector.poll();
    assertThat(first.failures()).isEmpty();
    // Numbers for every series within the first poll: its newest 20 minutes.
    assertThat(fetched()).allSatisfy(s -> assertThat(store.latest(s.key())).isPresent());
    assertThat(first.requests()).isEqualTo(1);

    int backfillRequests = 0;
    for (int i = 0; i < 5 && collector.backfilling(); i++) {
      backfillRequests += collector.backfill();
    }
    assertThat(collector.backfilling()).as("the whole backfill arrived").isFalse();
    // Three hours of one-minute points, each once: nothing lost, nothing doubled.
    assertThat(fetched())
        .allSatisfy(s -> assertThat(store.since(s.key(), 0).size()).as(s.key()).isEqualTo(180));
    // One request timed out and was split; the rest were sized to what the endpoint answers.
    assertThat(endpoint.asked.stream().filter(n -> n > 0).count()).isGreaterThan(2);
    assertThat(backfillRequests).isLessThan(3 * series);
  }

  @Test
  void percentilesRefusedWithHttp500AreIsolatedAndEverythingElseIsCollectedInTheFirstPoll() {
    CloudWatchCollector collector = collector();
    endpoint.refuses = s -> s.stat().startsWith("p");
    List<Series> percentiles =
        fetched().stream().filter(s -> s.stat().orElseThrow().stat().startsWith("p")).toList();
    assertThat(percentiles).hasSizeGreaterThan(4);

    PollResult first = collector.poll();

    assertThat(first.failures()).isEmpty();
    assertThat(fetched())
        .filteredOn(s -> !percentiles.contains(s))
        .allSatisfy(s -> assertThat(store.latest(s.key())).as(s.key()).isPresent());
    assertThat(first.skipped().values().stream().flatMap(List::stream))
        .hasSize(percentiles.size())
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .contains("InternalServiceError")
                    .contains("refused with every other p99 query"));
    // The request, then one per statistic, then the percentile group's two halves.
    assertThat(first.requests() - 1).isLessThanOrEqualTo(CloudWatchCollector.ISOLATION_REQUESTS);
    assertThat(first.requests()).isEqualTo(1 + 5 + 2);

    // The next poll leaves the refused queries out: one request, nothing refused.
    clock.advance(Duration.ofMinutes(5));
    PollResult next = collector.poll();
    assertThat(next.requests()).isEqualTo(1);
    assertThat(next.failures()).isEmpty();
  }

  @Test
  void aServiceFailingForEveryPartIsAnOutageNotARefusal() {
    CloudWatchCollector collector = collector();
    endpoint.refuses = s -> true;

    PollResult first = collector.poll();

    assertThat(first.failures()).containsOnlyKeys("prod", "staging", "dev");
    assertThat(first.skipped()).isEmpty();
    assertThat(freshness.isStale("prod", clock.instant())).isTrue();
  }
}
