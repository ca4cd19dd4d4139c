package io.stackwatch.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.CallLog;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} as Prometheus reads it: checked by promtool's own parser. */
@QuarkusTest
class MetricsEndpointTest {

  @Inject PollJob job;
  @Inject io.stackwatch.poll.CostJob costJob;
  @Inject TestClock clock;
  @Inject SimulatorBridge runtime;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @Test
  void parsesAsPrometheusTextAndHoldsTheCollectedSeries() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();

    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();

    // Exit 1 is a parse error. Exit 3 is lint advice only: the exporter-compatible names keep
    // CloudWatch's CamelCase dimension labels and "_sum" statistic suffixes on purpose.
    Promtool.Result check = Promtool.run(body, "check", "metrics");
    assertThat(check.exitCode()).as("promtool check metrics:\n" + check.output()).isIn(0, 3);
    assertThat(check.output()).doesNotContain("error while linting");
    assertThat(body)
        .containsPattern(
            "aws_rds_cpuutilization_average\\{dimension_DBInstanceIdentifier=\"prod-db\",region=\"us-east-1\",environment=\"prod\"\\} [0-9.]+")
        .containsPattern(
            "aws_apigateway_latency_p99\\{dimension_ApiId=\"staging-http-api\",dimension_Stage=\"\\$default\",")
        .containsPattern(
            "stackwatch_cache_hit_ratio\\{region=\"us-east-1\",environment=\"dev\"\\} 0\\.9")
        .contains("stackwatch_series{environment=\"prod\"}")
        .contains("stackwatch_data_stale{environment=\"dev\"} 0.0")
        .containsPattern(
            "stackwatch_last_poll_success_timestamp_seconds\\{environment=\"staging\"\\} [0-9.E]+")
        .containsPattern(
            "stackwatch_aws_requests_total\\{service=\"CloudWatch\",operation=\"GetMetricData\",outcome=\"success\"\\} [1-9]")
        .containsPattern(
            "stackwatch_aws_cost_usd_total\\{service=\"CloudWatch\",operation=\"GetMetricData\"\\} [0-9.E-]+")
        .contains("stackwatch_poll_duration_seconds_count");
  }

  /**
   * A Prometheus scrape asking for gzip gets the stored compressed bytes: they unzip to what
   * promtool parses, the same text a plain scrape gets (but for the JVM and worker pool families,
   * which move between two requests).
   */
  @Test
  void aScrapeAskingForGzipGetsTheSameTextCompressed() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();
    // What Prometheus 2 sends.
    String accept =
        "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;"
            + "version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    // Java's client, which asks for no encoding unless told and unzips nothing.
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> zipped =
        http.send(
            HttpRequest.newBuilder(metrics.toURI())
                .header("Accept", accept)
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> plain =
        http.send(
            HttpRequest.newBuilder(metrics.toURI()).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.statusCode()).isEqualTo(200);
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    byte[] compressed = zipped.body();
    String unzipped;
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
      unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(compressed.length).isLessThan(unzipped.length() / 4);
    Promtool.Result check = Promtool.run(unzipped, "check", "metrics");
    assertThat(check.exitCode()).as("promtool check metrics:\n" + check.output()).isIn(0, 3);
    assertThat(check.output()).doesNotContain("error while linting");
    assertThat(unzipped)
        .contains("aws_rds_cpuutilization_average{dimension_DBInstanceIdentifier=\"prod-db\"")
        .contains("stackwatch_aws_requests_total{");
    assertThat(withoutOwnProcess(unzipped)).isEqualTo(withoutOwnProcess(plain.body()));
  }

  private static List<String> withoutOwnProcess(String scrape) {
    return scrape
        .lines()
        .filter(l -> !l.matches("(# \\w+ )?(jvm|process|worker_pool)_.*"))
        .toList();
  }

  /**
   * A GetMetricData throttled once, then retried to success by the SDK, is two requests as AWS
   * bills them: both on /api/aws-calls and in the scrape, each with its outcome, each priced.
   */
  @Test
  void aRetriedGetMetricDataCountsEveryAttempt() {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();
    Map<String, Double> before = getMetricData(given().get("/api/aws-calls").jsonPath());
    double costBefore = scrapedCost();
    runtime.simulator().calls().clear();
    runtime.simulator().faults().throttle("monitoring", "GetMetricData").times(1);

    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();

    List<CallLog.Call> sent =
        runtime.simulator().calls().all().stream()
            .filter(c -> c.operation().equals("GetMetricData"))
            .toList();
    long throttled = sent.stream().filter(c -> c.status() == 400).count();
    long answered = sent.stream().filter(c -> c.status() == 200).count();
    assertThat(throttled).isEqualTo(1);
    Map<String, Double> after = getMetricData(given().get("/api/aws-calls").jsonPath());
    assertThat(after.getOrDefault("throttled", 0.0) - before.getOrDefault("throttled", 0.0))
        .isEqualTo(1.0);
    assertThat(after.get("success") - before.get("success")).isEqualTo((double) answered);
    String body = given().get("/q/metrics").asString();
    assertThat(body)
        .contains(
            "stackwatch_aws_requests_total{service=\"CloudWatch\",operation=\"GetMetricData\",outcome=\"throttled\"} "
                + after.get("throttled"))
        .contains(
            "stackwatch_aws_requests_total{service=\"CloudWatch\",operation=\"GetMetricData\",outcome=\"success\"} "
                + after.get("success"));
    // Every request is billed for the metrics it asked, the throttled one too.
    long metrics = sent.stream().mapToLong(CallLog.Call::queries).sum();
    assertThat(scrapedCost() - costBefore).isCloseTo(metrics * 0.01 / 1000, within(1e-9));
  }

  private Map<String, Double> getMetricData(JsonPath calls) {
    Map<String, Double> out = new HashMap<>();
    for (Map<String, Object> row : calls.<Map<String, Object>>getList("calls")) {
      if (row.get("operation").equals("GetMetricData")) {
        out.put((String) row.get("outcome"), ((Number) row.get("count")).doubleValue());
      }
    }
    return out;
  }

  private double scrapedCost() {
    Matcher m =
        Pattern.compile(
                "stackwatch_aws_cost_usd_total\\{service=\"CloudWatch\",operation=\"GetMetricData\"\\} ([0-9.E-]+)")
            .matcher(given().get("/q/metrics").asString());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aSeriesWithoutRecentDatapointsLeavesTheExportUntilItHasOneAgain() {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();
    assertThat(given().get("/q/metrics").asString()).contains("aws_rds_cpuutilization_average{");

    // Forty minutes without a poll: nothing recent to show, and the data is stale.
    clock.advance(Duration.ofMinutes(40));
    String old = given().get("/q/metrics").asString();
    assertThat(old)
        .doesNotContain("aws_rds_cpuutilization_average{")
        .contains("stackwatch_data_stale{environment=\"prod\"} 1.0");

    job.run().poll();
    assertThat(given().get("/q/metrics").asString()).contains("aws_rds_cpuutilization_average{");
  }

  /**
   * Over half an hour of polls, a derived series whose inputs are refreshed every 15 minutes (dev's
   * cache hit ratio) is in every scrape, as it is on /api: its age limit follows its own refresh.
   */
  @Test
  void aDerivedSeriesStaysInTheExportBetweenTheRefreshesOfItsInputs() {
    for (int poll = 0; poll < 6; poll++) {
      clock.advance(Duration.ofMinutes(5));
      job.run().poll();
      List<String> shown =
          given()
              .get("/api/environments/dev")
              .jsonPath()
              .getList("series.findAll { it.value != null }.id");
      assertThat(shown).as("poll %d", poll).contains("cache.hit_ratio");
      assertThat(given().get("/q/metrics").asString())
          .as("poll %d", poll)
          .contains("stackwatch_cache_hit_ratio{region=\"us-east-1\",environment=\"dev\"}");
    }
  }

  /**
   * Every family has a HELP that says what it is, and every stackwatch_ family is in the README's
   * table with exactly the labels it has (Prometheus's own text format, where a counter's HELP
   * names its _total samples).
   */
  @Test
  void everyFamilyHasItsHelpAndTheReadmeListsEveryOwnFamilyWithItsLabels() throws IOException {
    clock.advance(Duration.ofMinutes(5));
    costJob.refresh();
    job.run().poll();
    String body =
        given()
            .header("Accept", "text/plain; version=0.0.4")
            .get("/q/metrics")
            .then()
            .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
            .extract()
            .asString();
    Map<String, String> help = new java.util.TreeMap<>();
    Map<String, java.util.Set<String>> labels = new java.util.TreeMap<>();
    Matcher h = Pattern.compile("(?m)^# HELP (\\S+) ?(.*)$").matcher(body);
    while (h.find()) {
      help.put(h.group(1), h.group(2));
    }
    Matcher sample = Pattern.compile("(?m)^([a-z_:][\\w:]*)(\\{([^}]*)})? ").matcher(body);
    while (sample.find()) {
      java.util.Set<String> names =
          labels.computeIfAbsent(sample.group(1), k -> new java.util.TreeSet<>());
      if (sample.group(3) != null) {
        Matcher l = Pattern.compile("(\\w+)=\"").matcher(sample.group(3));
        while (l.find()) {
          names.add(l.group(1));
        }
      }
    }
    for (String sampleName : labels.keySet()) {
      // A summary's or histogram's samples share the HELP of the family's base name.
      String family =
          help.containsKey(sampleName)
              ? sampleName
              : sampleName.replaceAll("_(count|sum|bucket)$", "");
      assertThat(help.get(family)).as("HELP of " + sampleName).isNotBlank().doesNotContain(family);
    }
    assertThat(help.get("aws_rds_cpuutilization_average"))
        .isEqualTo(
            "CloudWatch AWS/RDS CPUUtilization, Average over 60 s, newest value polled (percent)");
    assertThat(help.get("stackwatch_cache_hit_ratio"))
        .isEqualTo("Cache hit ratio, derived by stackwatch (ratio, 0 to 1)");

    Map<String, java.util.Set<String>> documented = new java.util.TreeMap<>();
    Matcher row =
        Pattern.compile("(?m)^\\| (`stackwatch_[^|]*) \\|([^|]*)\\|")
            .matcher(Files.readString(Path.of("dashboards/README.md")));
    while (row.find()) {
      java.util.Set<String> cols = new java.util.TreeSet<>();
      Matcher c = Pattern.compile("`(\\w+)`").matcher(row.group(2));
      while (c.find()) {
        cols.add(c.group(1));
      }
      Matcher n = Pattern.compile("`(\\w+)`").matcher(row.group(1));
      while (n.find()) {
        documented.put(n.group(1), cols);
      }
    }
    Map<String, java.util.Set<String>> own = new java.util.TreeMap<>();
    labels.forEach(
        (family, names) -> {
          if (family.startsWith("stackwatch_")) {
            own.put(family.replaceAll("_(count|sum|max)$", ""), names);
          }
        });
    own.keySet().removeIf(f -> f.startsWith("stackwatch_poll_duration_seconds"));
    assertThat(own).isNotEmpty();
    own.forEach((family, names) -> assertThat(documented.get(family)).as(family).isEqualTo(names));
    // And nothing documented that is not exported (a family with no samples yet has its HELP).
    assertThat(help.keySet()).containsAll(documented.keySet());
  }

  /** Runs Debian's promtool; a missing promtool fails the test rather than skipping it. */
  static final class Promtool {
    record Result(int exitCode, String output) {}

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
      String[] command = new String[args.length + 1];
      command[0] = "promtool";
      System.arraycopy(args, 0, command, 1, args.length);
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new AssertionError(
            "promtool is required (Debian package prometheus; .ci/run installs it)", e);
      }
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    }
  }
}
