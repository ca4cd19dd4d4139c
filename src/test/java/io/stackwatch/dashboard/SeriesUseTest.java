package io.stackwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.SeedStack;
import io.stackwatch.catalog.Environment;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.SeriesUse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The poll collects what alarms and panels read, at the refresh each needs, and nothing else. */
@Tag("plain")
class SeriesUseTest {

  static final SeriesCadence POLL =
      new SeriesCadence(Duration.ofMinutes(5), Duration.ofMinutes(15));

  /** A reader of fixed ids. */
  record Reads(Set<String> ids, boolean everyPoll) implements SeriesUse {
    @Override
    public Set<String> seriesIds(Environment env, SeriesPlan offered) {
      return ids;
    }
  }

  private static Map<String, Duration> refreshes(SeriesPlans plans, String env) {
    return plans.of(env).orElseThrow().fetched().stream()
        .collect(Collectors.toMap(Series::id, Series::refresh));
  }

  @Test
  void aPanelOnlySeriesIsFetchedSlowlyAnAlarmedOneEveryPollAndTheRestNever() {
    SeriesPlans plans =
        new SeriesPlans(
            SeedStack.CATALOG,
            SeedStack.SERIES,
            POLL,
            List.of(
                new Reads(Set.of("rds.cpu"), true),
                new Reads(Set.of("rds.cpu", "rds.read_iops", "cache.hit_ratio"), false)));

    Map<String, Duration> prod = refreshes(plans, "prod");
    assertThat(prod)
        .containsEntry("rds.cpu", Duration.ofMinutes(5))
        .containsEntry("rds.read_iops", Duration.ofMinutes(15))
        // A derived series brings its inputs: every node's hits and misses.
        .containsEntry("cache.prod-redis-001.hits", Duration.ofMinutes(15))
        .containsEntry("cache.prod-redis-003.misses", Duration.ofMinutes(15))
        .hasSize(2 + 6);
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
          public Set<String> seriesIds(Environment env, SeriesPlan plan) {
            return Dashboards.seriesIds(shipped, env, plan);
          }

          @Override
          public boolean everyPoll() {
            return false;
          }
        };

    SeriesPlans plans = new SeriesPlans(SeedStack.CATALOG, SeedStack.SERIES, POLL, List.of(panels));

    Map<String, Duration> prod = refreshes(plans, "prod");
    assertThat(prod)
        .containsKeys(
            "rds.read_iops",
            "nat.prod-nat-3.bytes_out",
            "sqs.prod-email-dlq.visible",
            "alb.requests")
        .allSatisfy((id, r) -> assertThat(r).as(id).isEqualTo(Duration.ofMinutes(15)));
    assertThat(refreshes(plans, "dev")).doesNotContainKey("cdn.requests");
  }
}
