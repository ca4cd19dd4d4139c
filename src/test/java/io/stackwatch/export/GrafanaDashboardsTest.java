package io.stackwatch.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards of {@code dashboards/grafana/} query only metrics stackwatch exports:
 * every metric name of every PromQL expression is on a scrape of {@code /q/metrics}; and they
 * import as they are (current schema, the Prometheus data source and the environment as variables).
 */
@QuarkusTest
class GrafanaDashboardsTest {

  static final List<Path> DASHBOARDS =
      List.of(
          Path.of("dashboards/grafana/stackwatch-overview.json"),
          Path.of("dashboards/grafana/stackwatch-environment.json"));

  /** PromQL words that are not metric names. */
  static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "and",
          "or",
          "unless",
          "inf",
          "nan");

  @Inject PollJob job;
  @Inject CostCollector costs;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  @Test
  void everyQueriedMetricIsOneStackwatchExports() throws IOException {
    // Errors are published only while there are some: a burst makes every family appear.
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("5xx-burst", "prod", start);
    clock.advance(Duration.ofMinutes(5));
    costs.refresh();
    job.run();
    Set<String> exported =
        exportedNames(given().get("/q/metrics").then().statusCode(200).extract().asString());

    for (Path file : DASHBOARDS) {
      List<String> exprs = exprs(new ObjectMapper().readTree(file.toFile()));
      assertThat(exprs).as(file + " queries").hasSizeGreaterThan(10);
      Set<String> queried = new TreeSet<>();
      exprs.forEach(e -> queried.addAll(metricNames(e)));
      assertThat(queried).as(file + " metrics").isNotEmpty();
      assertThat(exported).as(file + ": metrics stackwatch does not export").containsAll(queried);
    }
  }

  @Test
  void theyImportAsTheyAre() throws IOException {
    for (Path file : DASHBOARDS) {
      JsonNode d = new ObjectMapper().readTree(file.toFile());
      assertThat(d.get("schemaVersion").asInt())
          .as(file + " schemaVersion")
          .isGreaterThanOrEqualTo(39);
      assertThat(d.get("uid").asText()).matches("[a-z0-9-]{1,40}");
      List<String> variables = new ArrayList<>();
      d.get("templating")
          .get("list")
          .forEach(v -> variables.add(v.get("name").asText() + ":" + v.get("type").asText()));
      assertThat(variables).contains("datasource:datasource", "environment:query");
      // Every panel and query reads the data source variable, none a fixed uid.
      d.get("panels")
          .forEach(
              p -> {
                if (!p.get("type").asText().equals("row")) {
                  assertThat(p.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
                  p.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
                }
              });
      assertThat(exprs(d)).anyMatch(e -> e.contains("$environment"));
    }
  }

  @Test
  void metricNamesAreFoundInPromQl() {
    assertThat(
            metricNames(
                "sum by (environment) (rate(stackwatch_aws_requests_total{outcome!=\"success\"}[$__rate_interval]))"
                    + " / on(environment) group_left max(aws_rds_cpuutilization_average{environment=~\"$environment\"}) > bool 0.5"))
        .containsExactlyInAnyOrder(
            "stackwatch_aws_requests_total", "aws_rds_cpuutilization_average");
    assertThat(metricNames("time() - stackwatch_last_poll_success_timestamp_seconds"))
        .containsExactly("stackwatch_last_poll_success_timestamp_seconds");
  }

  static Set<String> exportedNames(String scrape) {
    return scrape
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]", 2)[0])
        .collect(Collectors.toSet());
  }

  static List<String> exprs(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.findValues("expr").forEach(e -> out.add(e.asText()));
    return out;
  }

  /** The metric names of a PromQL expression: identifiers outside selectors, not functions. */
  static Set<String> metricNames(String expr) {
    String s =
        expr.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")
            .replaceAll("\\{[^}]*\\}", " ")
            .replaceAll("\\[[^\\]]*\\]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
    while (m.find()) {
      if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase())) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
