package io.stackwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.SeedStack;
import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.SeriesUse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The poll collects what alarms and panels read, at the refresh each needs, and nothing else. */
@Tag("plain")
class SeriesUseTest {

  static final SeriesCadence POLL =
      new SeriesCadence(Duration.ofMinutes(5), Duration.ofMinutes(15));

  /** A reader of fixed ids, all at one refresh. */
  record Reads(Set<String> ids, Duration refresh) implements SeriesUse {
    @Override
    public String name() {
      return "reads " + refresh;
    }

    @Override
    public Map<String, Duration> refreshes(
        Environment env, SeriesPlan offered, SeriesCadence cadence) {
      return ids.stream().collect(Collectors.toMap(id -> id, id -> refresh));
    }
  }

  private static Map<String, Duration> refreshes(SeriesPlans plans, String env) {
    return plans.of(env).orElseThrow().fetched().stream()
        .collect(Collectors.toMap(Series::id, Series::refresh));
  }

  @Test
  void eachSeriesIsFetchedAtItsMostDemandingReadersRefreshNeverFasterThanThePoll() {
    SeriesPlans plans =
        new SeriesPlans(
            SeedStack.CATALOG,
            SeedStack.SERIES,
            POLL,
            List.of(
                new Reads(Set.of("rds.cpu"), Duration.ofMinutes(1)),
                new Reads(
                    Set.of("rds.cpu", "rds.read_iops", "cache.hit_ratio"),
                    Duration.ofMinutes(15))));

    Map<String, Duration> prod = refreshes(plans, "prod");
    assertThat(prod)
        .containsEntry("rds.cpu", Duration.ofMinutes(5))
        .containsEntry("rds.read_iops", Duration.ofMinutes(15))
        // A derived series brings its inputs: every node's hits and misses.
        .containsEntry("cache.prod-redis-001.hits", Duration.ofMinutes(15))
        .containsEntry("cache.prod-redis-003.misses", Duration.ofMinutes(15))
        .hasSize(2 + 6);
    assertThat(plans.of("prod").orElseThrow().readers())
        .containsEntry("rds.cpu", "reads PT1M")
        .containsEntry("rds.read_iops", "reads PT15M");
    assertThat(plans.of("prod").orElseThrow().derived())
        .extracting(d -> d.series().id())
        .containsExactly("cache.hit_ratio");
  }

  @Test
  void theShippedDashboardsMakeTheirSeriesCollected() {
    Set<String> offered = DashboardLoaderTest.OFFERED;
    List<Dashboard> shipped = DashboardLoader.load(Path.of("dashboards"), offered);
    SeriesUse panels =
        new SeriesUse() {
          @Override
          public String name() {
            return "panels";
          }

          @Override
          public Map<String, Duration> refreshes(
              Environment env, SeriesPlan plan, SeriesCadence cadence) {
            return Dashboards.refreshes(shipped, env, plan, cadence);
          }
        };

    SeriesPlans plans = new SeriesPlans(SeedStack.CATALOG, SeedStack.SERIES, POLL, List.of(panels));

    Map<String, Duration> prod = refreshes(plans, "prod");
    assertThat(prod)
        .containsEntry("sqs.prod-email-dlq.visible", Duration.ofMinutes(15))
        .containsEntry("alb.requests", Duration.ofMinutes(15))
        // Capacity and volume panels state refresh: 1h.
        .containsEntry("rds.read_iops", Duration.ofHours(1))
        .containsEntry("nat.prod-nat-3.bytes_out", Duration.ofHours(1));
    assertThat(refreshes(plans, "dev")).doesNotContainKey("cdn.requests");
  }

  @Test
  void anAlarmRuleOfLongerPeriodsAsksItsSeriesOncePerPeriod(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("alarms"));
    Files.createDirectories(dir.resolve("dashboards/series"));
    // Freeable memory also at 10-minute points, and a rule judging them.
    Files.writeString(
        dir.resolve("dashboards/series/memory.yaml"),
        """
        groups:
          - kind: rds-instance
            namespace: AWS/RDS
            period: 600
            series:
              - {id: rds.freeable_memory_10m, title: DB freeable memory (10 min), metric: FreeableMemory, statistic: Minimum, unit: bytes}
        """);
    Files.writeString(
        dir.resolve("alarms/memory.yaml"),
        """
        rules:
          - id: rds-memory-low
            title: Database freeable memory low
            severity: warning
            metric:
              namespace: AWS/RDS
              name: FreeableMemory
              statistic: Minimum
              period: 600
            comparison: "<"
            threshold: 100000000
            evaluation-periods: 3
            runbook: Look at the DB memory panel.
        """);

    SeriesPlans plans = SeedStack.readPlans(DataFiles.shippedAnd(Optional.of(dir)));

    // A 10-minute point completes every 10 minutes: asked then, not every poll.
    assertThat(refreshes(plans, "prod"))
        .containsEntry("rds.freeable_memory_10m", Duration.ofMinutes(10))
        .containsEntry("rds.freeable_memory", Duration.ofHours(1));
    assertThat(plans.of("prod").orElseThrow().readers())
        .containsEntry("rds.freeable_memory_10m", "alarm rules")
        .containsEntry("rds.cpu", "alarm rules")
        .containsEntry("rds.read_iops", "panels");
    assertThat(refreshes(SeedStack.readPlans(), "prod"))
        .containsEntry("rds.freeable_memory", Duration.ofHours(1))
        .containsEntry("rds.cpu", Duration.ofMinutes(5));
  }
}
