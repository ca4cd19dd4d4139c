package io.stackwatch.cloudwatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.poll.PollJob;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.History;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first start against the simulator: the first poll puts fresh numbers on the pages, then the
 * history CloudWatch holds is fetched, coarsest tier first, and the JSON API serves 30 days of
 * hourly points, and a week ago for a week-over-week comparison.
 */
@QuarkusTest
@TestProfile(HistoryFillTest.Fill.class)
class HistoryFillTest {

  /**
   * The application as shipped, the history fetch on, with 91 days of hours kept instead of 455:
   * the same requests at a fifth of the points (the SDK's XML parsing of 15 months of 194 series
   * takes half a minute of this suite's two cores).
   */
  public static class Fill implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.history.fill", "true", "stackwatch.history.hour-retention", "91d");
    }
  }

  @Inject PollJob job;
  @Inject HistoryFill fill;
  @Inject History history;
  @Inject SeriesPlans plans;
  @Inject ApiCallMeter meter;
  @Inject TestClock clock;
  @Inject io.stackwatch.catalog.Catalog catalog;

  static final ApiCallMeter.Operation GET_METRIC_DATA =
      new ApiCallMeter.Operation("CloudWatch", "GetMetricData");

  /** Distinct CloudWatch statistics per account and region, and whether they roll up. */
  Map<String, Long> seriesPerWindow() {
    Map<String, java.util.Set<Object>> stats = new java.util.TreeMap<>();
    for (var env : catalog.environments()) {
      for (Series s : plans.of(env.name()).orElseThrow().fetched()) {
        if (s.fromCloudWatch()) {
          stats
              .computeIfAbsent(
                  env.target() + (Rollup.of(s).rollsUp() ? " rolled up" : " percentile"),
                  t -> new java.util.HashSet<>())
              .add(s.stat());
        }
      }
    }
    Map<String, Long> counts = new java.util.TreeMap<>();
    stats.forEach((t, set) -> counts.put(t, (long) set.size()));
    return counts;
  }

  @Test
  void aFirstStartServes30DaysOfHourlyPointsAndAWeekAgo() {
    long started = System.nanoTime();
    long requestsBefore = meter.successes(GET_METRIC_DATA);
    long metricsBefore = meter.metricsRequested(GET_METRIC_DATA);
    job.run();
    double firstRun = (System.nanoTime() - started) / 1e9;
    List<?> atFirst =
        given()
            .get("/api/environments/prod/series/rds.cpu?range=30d")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("points");
    System.out.printf(
        "prod's database CPU: %d hourly points of 30 days %.1f s after the first poll began%n",
        atFirst.size(), firstRun);
    assertThat(atFirst).hasSizeBetween(719, 721);
    while (fill.due()) {
      fill.fill();
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    JsonPath month =
        given()
            .get("/api/environments/prod/series/rds.cpu?range=30d")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(month.getString("tier")).isEqualTo("1h");
    assertThat(month.getString("unit")).isEqualTo("percent");
    assertThat(month.getString("statistic")).isEqualTo("Average");
    List<List<Number>> points = month.getList("points");
    // 30 days of hours: the range's first hour to the hour in progress.
    assertThat(points).hasSizeBetween(719, 721);
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).get(0).longValue() - points.get(i - 1).get(0).longValue())
          .isEqualTo(3600);
    }
    assertThat(points).allMatch(p -> p.get(1).doubleValue() > 0 && p.get(1).doubleValue() <= 100);

    // A week over week comparison: the same 24 hours a week ago, at 5 minutes.
    long now = clock.instant().getEpochSecond();
    JsonPath weekAgo =
        given()
            .get(
                "/api/environments/prod/series/api.latency_p99?from="
                    + java.time.Instant.ofEpochSecond(now - 8 * 86_400)
                    + "&to="
                    + java.time.Instant.ofEpochSecond(now - 7 * 86_400))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(weekAgo.getString("tier")).isEqualTo("5m");
    assertThat(weekAgo.getList("points")).hasSizeBetween(287, 289);

    // 90 days of a derived series, from its inputs' hours.
    JsonPath ratio =
        given()
            .get("/api/environments/prod/series/cache.hit_ratio?range=90d&width=400")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ratio.getString("tier")).isEqualTo("1h");
    assertThat(ratio.getList("points")).hasSizeBetween(700, 800);

    long requests = meter.successes(GET_METRIC_DATA) - requestsBefore;
    long metrics = meter.metricsRequested(GET_METRIC_DATA) - metricsBefore;
    History.Fetched fetched = history.fetched();
    long fetchedSeries =
        plans.all().stream()
            .flatMap(p -> p.fetched().stream())
            .filter(Series::fromCloudWatch)
            .map(Series::stat)
            .distinct()
            .count();
    System.out.printf(
        "First start: %d GetMetricData requests (%d metrics) in %.1f s, of which history %d"
            + " requests, %d metrics, %,d points for %d distinct series at two tiers;"
            + " %d metrics x $0.01 / 1,000 = $%.4f once%n",
        requests,
        metrics,
        seconds,
        fetched.requests(),
        fetched.metrics(),
        fetched.points(),
        fetchedSeries,
        fetched.metrics(),
        fetched.metrics() * 0.01 / 1000);
    // Each series twice, in requests of at most one page (100,800 datapoints) per account and
    // region and window: 1 hour for 91 days is 2,183 points, 46 series a request (for 455 days,
    // 10,919 points, 9 a request); 5 minutes for 8 days 2,303 points, 43 series a request.
    // Percentiles are asked up to now; the others up to the hours the first poll's 3 hours of
    // minutes were rolled up into.
    assertThat(fetched.metrics()).isEqualTo(2 * fetchedSeries);
    long expected = 0;
    for (long n : seriesPerWindow().values()) {
      expected += (n + 45) / 46 + (n + 42) / 43;
    }
    System.out.printf(
        "History requests: %d; series per account, region and rollup %s%n",
        fetched.requests(), seriesPerWindow());
    assertThat(fetched.requests()).isEqualTo(expected);

    // The next check, an hour later, asks only for what completed since: percentiles' points.
    clock.advance(Duration.ofHours(1));
    History.Fetched before = history.fetched();
    job.run();
    History.Fetched after = history.fetched();
    long percentiles =
        plans.all().stream()
            .flatMap(p -> p.fetched().stream())
            .filter(s -> s.stat().orElseThrow().stat().startsWith("p"))
            .map(Series::stat)
            .distinct()
            .count();
    assertThat(after.metrics() - before.metrics()).isEqualTo(2 * percentiles);

    given()
        .get("/cost")
        .then()
        .statusCode(200)
        .body(containsString("History fetched from CloudWatch"));
  }
}
