package io.stackwatch.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import io.stackwatch.store.History;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code /environments/prod} over 30 days and 15 months with a full history (15 months of hours, 63
 * days of 5 minutes for each of prod's series, in the simulator's shape): the time one rendering
 * takes (an absolute window, never cached), then wrk with 100 connections on the ranges through the
 * render cache, {@code -Dbench.seconds} (default 30) each. Prints a table and writes {@code
 * target/bench/history-serving.json}; measured, never asserted.
 */
@QuarkusTest
@TestProfile(Estate.Seed.class)
class HistoryServingBenchmark {

  @Inject PollJob job;
  @Inject TestClock clock;
  @Inject History history;
  @Inject SeriesPlans plans;

  @TestHTTPResource("/")
  URL base;

  @Test
  void run() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    long now = clock.instant().getEpochSecond();
    int s = 0;
    for (Series series : plans.of("prod").orElseThrow().all()) {
      for (Tier tier : List.of(Tier.HOUR, Tier.FIVE_MINUTES)) {
        long kept = tier == Tier.HOUR ? 455 * 86_400L : 63 * 86_400L;
        WeightedPoints p = HistoryBenchmark.synthetic(s, tier, now - kept, now - 3 * 3600);
        history.write(series.key(), tier, new Points(p.epochSeconds(), p.values()));
      }
      s++;
    }
    HttpClient http = HttpClient.newHttpClient();
    String root = base.toString().replaceAll("/$", "");
    List<String> rows = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (String range : List.of("30d", "15mo")) {
      long span = range.equals("30d") ? 30 * 86_400L : 455 * 86_400L;
      String absolute =
          root
              + "/environments/prod?from="
              + Instant.ofEpochSecond(now - span)
              + "&to="
              + Instant.ofEpochSecond(now);
      double[] millis = new double[12];
      int bytes = 0;
      for (int i = 0; i < millis.length; i++) {
        long t = System.nanoTime();
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(absolute)).build(),
                HttpResponse.BodyHandlers.ofString());
        millis[i] = (System.nanoTime() - t) / 1e6;
        bytes = r.body().length();
      }
      // The first two warm up the JIT.
      double[] measured = Arrays.copyOfRange(millis, 2, millis.length);
      Arrays.sort(measured);
      double median = measured[measured.length / 2];
      double worst = measured[measured.length - 1];
      String url = root + "/environments/prod?range=" + range;
      int seconds = Integer.getInteger("bench.seconds", 30);
      ServingBenchmark.wrk(url, Math.max(1, seconds / 5));
      ServingBenchmark.Result load =
          ServingBenchmark.parse("?range=" + range, ServingBenchmark.wrk(url, seconds), bytes);
      rows.add(
          String.format(
              Locale.ROOT,
              "%-12s %12.1f %12.1f %10.0f %9s %9s %7d %9d",
              range,
              median,
              worst,
              load.requestsPerSecond(),
              load.p50(),
              load.p99(),
              load.errors(),
              bytes));
      json.add(
          String.format(
              Locale.ROOT,
              "{\"range\":\"%s\",\"render_median_ms\":%.1f,\"render_max_ms\":%.1f,"
                  + "\"requests_per_second\":%.1f,\"p50\":\"%s\",\"p99\":\"%s\",\"errors\":%d,"
                  + "\"bytes\":%d}",
              range,
              median,
              worst,
              load.requestsPerSecond(),
              load.p50(),
              load.p99(),
              load.errors(),
              bytes));
    }
    System.out.println(
        "\nstackwatch history serving benchmark: /environments/prod, "
            + s
            + " series with 15 months of history; render = one uncached rendering (absolute"
            + " window), then wrk 100 connections through the render cache\n"
            + String.format(
                Locale.ROOT,
                "%-12s %12s %12s %10s %9s %9s %7s %9s%n",
                "range",
                "render p50",
                "render max",
                "req/s",
                "p50",
                "p99",
                "errors",
                "bytes")
            + String.join("\n", rows)
            + "\n");
    Path out = Path.of("target/bench/history-serving.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, "[\n  " + String.join(",\n  ", json) + "\n]\n");
  }
}
