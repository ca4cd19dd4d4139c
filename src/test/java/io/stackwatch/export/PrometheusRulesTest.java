package io.stackwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.alarm.AlarmRule;
import io.stackwatch.alarm.EnvironmentOverride;
import io.stackwatch.alarm.RuleLoader;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.catalog.Environment;
import io.stackwatch.export.MetricsEndpointTest.Promtool;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus alerting rules in {@code alarms/prometheus}: promtool accepts them and their unit
 * tests pass, each shipped alarm rule has its alert, and every expression reads metrics stackwatch
 * exports.
 */
@Tag("plain")
class PrometheusRulesTest {

  private static final Path RULES = Path.of("alarms/prometheus/stackwatch.rules.yml");
  private static final Path UNIT_TESTS = Path.of("alarms/prometheus/tests");

  /** Families of stackwatch's own state that the rules read, as PrometheusExport names them. */
  private static final Set<String> SELF_METRICS =
      Set.of(
          "stackwatch_data_stale",
          "stackwatch_last_poll_success_timestamp_seconds",
          "stackwatch_alarm_state");

  private static final Set<String> PROMQL_KEYWORDS =
      Set.of(
          "and or unless by without on ignoring group_left group_right offset bool inf nan"
              .split(" "));

  private static final Pattern STRING =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

  /** A name not part of a number or duration, and not a function call. */
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Promtool.Result check = Promtool.run("", "check", "rules", RULES.toString());

    assertThat(check.exitCode()).as("promtool check rules:\n" + check.output()).isZero();
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    try (Stream<Path> files = Files.list(UNIT_TESTS)) {
      files
          .filter(f -> f.toString().endsWith(".yml"))
          .sorted()
          .forEach(f -> args.add(f.toString()));
    }
    assertThat(args).as("unit test files in " + UNIT_TESTS).hasSizeGreaterThan(2);

    Promtool.Result test = Promtool.run("", args.toArray(String[]::new));

    assertThat(test.exitCode()).as("promtool test rules:\n" + test.output()).isZero();
  }

  @Test
  void everyShippedRuleHasExactlyOneAlert() throws IOException {
    List<String> ids = RuleLoader.load(Path.of("alarms")).stream().map(AlarmRule::id).toList();

    Map<String, List<String>> alertsByRule =
        alerts(Files.readString(RULES)).stream()
            .filter(a -> a.labels().containsKey("stackwatch_rule"))
            .collect(
                Collectors.groupingBy(
                    a -> a.labels().get("stackwatch_rule"),
                    Collectors.mapping(Alert::name, Collectors.toList())));

    assertThat(alertsByRule.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(alertsByRule).allSatisfy((id, names) -> assertThat(names).as(id).hasSize(1));
  }

  @Test
  void alertsFollowEachRulesSeverityAndDisabledEnvironments() throws IOException {
    Map<String, Alert> byRule =
        alerts(Files.readString(RULES)).stream()
            .filter(a -> a.labels().containsKey("stackwatch_rule"))
            .collect(Collectors.toMap(a -> a.labels().get("stackwatch_rule"), a -> a));

    for (AlarmRule rule : RuleLoader.load(Path.of("alarms"))) {
      Alert alert = byRule.get(rule.id());
      assertThat(alert).as("alert of " + rule.id()).isNotNull();
      String severity = alert.labels().get("severity");
      Map<String, EnvironmentOverride> overrides = rule.environments();
      if (overrides.values().stream().noneMatch(o -> o.severity().isPresent())) {
        assertThat(severity).as(alert.name() + " severity").isEqualTo(rule.severity().yamlName());
      } else {
        // Templated from the environment label, as in the rules file.
        assertThat(severity)
            .as(alert.name() + " severity")
            .contains("{{ else }}" + rule.severity().yamlName());
        overrides.forEach(
            (env, o) ->
                o.severity()
                    .ifPresent(
                        s ->
                            assertThat(severity)
                                .as(alert.name() + " severity in " + env)
                                .contains("\"" + env + "\" }}" + s.yamlName())));
      }
      overrides.forEach(
          (env, o) -> {
            if (o.enabled().equals(Optional.of(false))) {
              assertThat(alert.expr())
                  .as(alert.name() + " is off in " + env)
                  .contains("environment!=\"" + env + "\"");
            }
          });
    }
  }

  @Test
  void everyExpressionReadsOnlyMetricsStackwatchExports() throws IOException {
    List<Alert> alerts = alerts(Files.readString(RULES));

    assertThat(alerts).hasSizeGreaterThan(20);
    assertThat(unknownMetrics(alerts)).isEmpty();
  }

  @Test
  void theMetricCheckCatchesANameStackwatchDoesNotExport() {
    String misspelt =
        """
        groups:
          - name: stackwatch-rds
            rules:
              - alert: DatabaseCpuHigh
                expr: aws_rds_cpu_utilization_average{environment!="dev"} > 80
                labels:
                  stackwatch_rule: rds-cpu-high
              - alert: DatabaseFreeStorageLow
                expr: stackwatch_rds_free_storage_ratio < 0.10
                labels:
                  stackwatch_rule: rds-free-storage-low
        """;

    assertThat(unknownMetrics(alerts(misspelt)))
        .containsExactly("DatabaseCpuHigh: aws_rds_cpu_utilization_average");
  }

  @Test
  void findsMetricNamesButNotFunctionsLabelsDurationsOrKeywords() {
    String expr =
        "sum by (environment) (rate(aws_lambda_errors_sum{dimension_FunctionName=~\"prod-.*\"}[5m]"
            + " offset 5m)) > bool 1e3 and on(environment) stackwatch_data_stale == 0"
            + " or time() - stackwatch_last_poll_success_timestamp_seconds > 900 unless absent(up)";

    assertThat(metricNames(expr))
        .containsExactlyInAnyOrder(
            "aws_lambda_errors_sum",
            "stackwatch_data_stale",
            "stackwatch_last_poll_success_timestamp_seconds",
            "up");
  }

  /** One alerting rule: its name, expression and labels as written. */
  private record Alert(String name, String expr, Map<String, String> labels) {}

  @SuppressWarnings("unchecked")
  private static List<Alert> alerts(String rulesYaml) {
    Map<String, Object> file = new Yaml().load(rulesYaml);
    List<Alert> alerts = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        if (rule.containsKey("alert")) {
          Map<String, Object> labels = (Map<String, Object>) rule.getOrDefault("labels", Map.of());
          alerts.add(
              new Alert(
                  (String) rule.get("alert"),
                  (String) rule.get("expr"),
                  labels.entrySet().stream()
                      .collect(
                          Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())))));
        }
      }
    }
    return alerts;
  }

  /** "Alert: metric" for each metric an expression reads that stackwatch does not export. */
  private static List<String> unknownMetrics(List<Alert> alerts) {
    Set<String> exported = exportedMetrics();
    List<String> unknown = new ArrayList<>();
    for (Alert a : alerts) {
      for (String metric : metricNames(a.expr())) {
        if (!exported.contains(metric)) {
          unknown.add(a.name() + ": " + metric);
        }
      }
    }
    return unknown;
  }

  /**
   * The metric names in a PromQL expression: identifiers left once strings, label matchers, ranges
   * and grouping clauses are taken out, other than function names and keywords.
   */
  private static Set<String> metricNames(String expr) {
    String bare = STRING.matcher(expr).replaceAll("\"\"");
    bare = LABEL_MATCHERS.matcher(bare).replaceAll("{}");
    bare = RANGE.matcher(bare).replaceAll("[]");
    bare = GROUPING.matcher(bare).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      if (!PROMQL_KEYWORDS.contains(m.group().toLowerCase(Locale.ROOT))) {
        names.add(m.group());
      }
    }
    return names;
  }

  /**
   * Every family stackwatch exports for the seed's three environments: each series of the stack
   * under its exporter name, derived series as PrometheusExport names them, and its own state.
   */
  private static Set<String> exportedMetrics() {
    Set<String> names = new TreeSet<>(SELF_METRICS);
    for (Environment env : seedCatalog().environments()) {
      SeriesPlan offered =
          SeedStack.SERIES.offered(env, env.resources().inventory(env.name()), Duration.ZERO);
      for (Series s : offered.all()) {
        names.add(
            s.fromCloudWatch()
                ? YaceNames.metricName(s.stat().get())
                : "stackwatch_" + s.id().replace('.', '_'));
      }
    }
    return names;
  }

  /** The seed's environments; only which components exist changes names, not their sizes. */
  private static Catalog seedCatalog() {
    Map<String, String> properties =
        Map.of(
            "stackwatch.environments.prod.region", "us-east-1",
            "stackwatch.environments.staging.region", "us-east-1",
            "stackwatch.environments.dev.region", "us-east-1",
            "stackwatch.environments.dev.resources.cloudfront", "false");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return Catalog.from(config.getConfigMapping(CatalogConfig.class));
  }
}
