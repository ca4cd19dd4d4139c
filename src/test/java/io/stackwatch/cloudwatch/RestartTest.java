package io.stackwatch.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.History;
import io.stackwatch.store.HistoryConfig;
import io.stackwatch.store.HistoryStore;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A restart loses nothing: the points the polls stored come back from the database, and the first
 * poll after the restart asks CloudWatch only for what is missing since the newest stored point,
 * with no 3-hour backfill.
 */
@Tag("plain")
class RestartTest {

  final TestClock clock = new TestClock();
  final SeriesPlans plans =
      SeriesPlans.offered(SeedStack.CATALOG, SeedStack.SERIES, SeedStack.CADENCE);
  final SmallRyeConfig config =
      SeedStack.defaults(PollConfig.class, AwsConfig.class, HistoryConfig.class);

  /** One point a minute per query; notes each request's window. */
  static final class Endpoint implements MetricSource {
    final List<Instant[]> windows = new ArrayList<>();

    @Override
    public List<Points> fetch(
        AwsTarget target, List<MetricStat> stats, Instant start, Instant end) {
      windows.add(new Instant[] {start, end});
      long minutes = Duration.between(start, end).toMinutes();
      List<Points> out = new ArrayList<>();
      for (int q = 0; q < stats.size(); q++) {
        long[] t = new long[(int) minutes];
        double[] v = new double[(int) minutes];
        for (int i = 0; i < minutes; i++) {
          t[i] = start.getEpochSecond() + 60L * i;
          v[i] = (t[i] / 60) % 100;
        }
        out.add(new Points(t, v));
      }
      return out;
    }
  }

  /** One instance of stackwatch: its memory, its history on the database, its collector. */
  final class Instance {
    final SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
    final History history;
    final CloudWatchCollector collector;

    Instance(Database db, Endpoint endpoint) {
      history =
          new History(
              new HistoryStore(db),
              samples,
              k -> Rollup.AVERAGE,
              config.getConfigMapping(HistoryConfig.class),
              Duration.ofHours(24),
              clock);
      collector =
          new CloudWatchCollector(
              SeedStack.CATALOG,
              plans,
              endpoint,
              samples,
              new Freshness(Duration.ofMinutes(12)),
              config.getConfigMapping(PollConfig.class),
              config.getConfigMapping(AwsConfig.class),
              clock,
              new SimpleMeterRegistry());
    }
  }

  @Test
  void theFirstPollAfterARestartReadsOnlyWhatIsMissing() {
    String url = TestDatabases.fresh("h2");
    String cpu = "prod/rds.cpu";
    Points before;
    Instant stopped;
    try (Database db = new Database(url, null, null, 4)) {
      Instance first = new Instance(db, new Endpoint());
      for (int i = 0; i < 6; i++) {
        first.collector.poll();
        first.collector.backfill();
        first.history.flush();
        clock.advance(Duration.ofMinutes(5));
      }
      stopped = clock.instant();
      before = first.samples.since(cpu, 0);
    }
    // Down for 40 minutes.
    clock.advance(Duration.ofMinutes(40));

    try (Database db = new Database(url, null, null, 4)) {
      Endpoint endpoint = new Endpoint();
      Instance second = new Instance(db, endpoint);
      assertThat(second.history.restore()).isGreaterThan(0);
      // What the first instance had (3 hours of backfill, half an hour of polls): the newest 3
      // hours back in memory for the alarms, all of it readable.
      long first = before.epochSeconds()[0];
      long last = before.epochSeconds()[before.size() - 1];
      assertThat(second.samples.earliest(cpu).orElseThrow().at())
          .isAfter(clock.instant().minus(Duration.ofHours(3)).minusSeconds(60));
      Points read = second.history.read(cpu, first, last, 1000).points().points();
      assertThat(read.epochSeconds()).containsExactly(before.epochSeconds());
      assertThat(read.values()).containsExactly(before.values());

      second.collector.poll();
      long newest = before.epochSeconds()[before.size() - 1];
      // One window, from the newest stored minute less the 3-minute overlap, to now.
      assertThat(endpoint.windows)
          .isNotEmpty()
          .allSatisfy(
              w ->
                  assertThat(w[0]).isEqualTo(Instant.ofEpochSecond(newest + 60).minusSeconds(180)));
      assertThat(second.collector.backfilling()).isFalse();
      Points after =
          second.history.read(cpu, first, clock.instant().getEpochSecond(), 1000).points().points();
      // No gap: every minute from the first backfilled one to the newest.
      long[] t = after.epochSeconds();
      for (int i = 1; i < t.length; i++) {
        assertThat(t[i] - t[i - 1]).isEqualTo(60);
      }
      assertThat(t[t.length - 1]).isGreaterThan(stopped.getEpochSecond() + 30 * 60);
    }
  }
}
