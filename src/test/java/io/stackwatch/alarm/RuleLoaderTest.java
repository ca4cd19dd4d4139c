package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stackwatch.datafile.DataFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
class RuleLoaderTest {

  private static final String BAD = "src/test/resources/alarms/bad/";

  @Test
  void loadsEveryShippedRuleFile() {
    List<AlarmRule> rules = RuleLoader.load(SeedStack.SHIPPED_RULES);

    assertThat(rules).hasSize(25);
    assertThat(rules).allSatisfy(r -> assertThat(r.runbook()).isNotBlank());
  }

  /**
   * The shipped rules are categorised: the cost rules say {@code category: cost}, the
   * overdue-chores rule {@code maintenance}; the others read CloudWatch's metrics and are health,
   * which is what their series tell when they say nothing.
   */
  @Test
  void everyShippedRuleIsCategorised() {
    Map<String, Optional<Category>> categories =
        RuleLoader.load(SeedStack.SHIPPED_RULES).stream()
            .collect(Collectors.toMap(AlarmRule::id, AlarmRule::category));

    assertThat(categories)
        .containsEntry("cost-forecast-over-budget", Optional.of(Category.COST))
        .containsEntry("cost-anomaly", Optional.of(Category.COST))
        .containsEntry("maintenance-critical-overdue", Optional.of(Category.MAINTENANCE));
    assertThat(
            RuleLoader.load(SeedStack.SHIPPED_RULES).stream()
                .filter(r -> r.category().isEmpty())
                .map(AlarmRule::source))
        .as("the rest read CloudWatch's metrics or series derived from them: health")
        .allSatisfy(
            source ->
                assertThat(source instanceof AlarmSource.Metric m ? m.namespace() : "derived")
                    .doesNotStartWith("stackwatch/"));
  }

  @Test
  void shipsTheSeedsFiveRecommendedAlarms() {
    Map<String, AlarmRule> rules =
        RuleLoader.load(SeedStack.SHIPPED_RULES).stream()
            .collect(Collectors.toMap(AlarmRule::id, r -> r));

    assertThat(rules.get("rds-cpu-high"))
        .satisfies(
            r -> {
              assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(r.comparison()).isEqualTo(Comparison.GREATER_THAN);
              assertThat(r.threshold()).contains(new Threshold.Absolute(80));
              assertThat(r.evaluationPeriods()).isEqualTo(3);
              assertThat(r.datapointsToAlarm()).isEqualTo(3);
              assertThat(r.source())
                  .isEqualTo(
                      new AlarmSource.Metric(
                          "AWS/RDS",
                          "CPUUtilization",
                          "Average",
                          60,
                          Optional.empty(),
                          Map.of(),
                          Optional.empty()));
            });
    assertThat(rules.get("api-5xx-high"))
        .satisfies(
            r -> {
              assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(r.threshold()).contains(new Threshold.Absolute(10));
              assertThat(((AlarmSource.Metric) r.source()).name()).isEqualTo("5xx");
            });
    assertThat(rules.get("lambda-concurrency-near-limit"))
        .satisfies(
            r -> {
              assertThat(r.severity()).isEqualTo(Severity.WARNING);
              assertThat(r.threshold())
                  .contains(new Threshold.PercentOf(80, Capacity.LAMBDA_CONCURRENCY_LIMIT));
              assertThat(((AlarmSource.Metric) r.source()).dimensions()).contains(Set.of());
            });
    assertThat(rules.get("rds-free-storage-low"))
        .satisfies(
            r -> {
              assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(r.comparison()).isEqualTo(Comparison.LESS_THAN);
              assertThat(r.threshold())
                  .contains(new Threshold.PercentOf(10, Capacity.ALLOCATED_STORAGE));
            });
    assertThat(rules.get("cache-evictions-increasing"))
        .satisfies(
            r -> {
              assertThat(r.severity()).isEqualTo(Severity.WARNING);
              assertThat(r.comparison()).isEqualTo(Comparison.INCREASING);
              assertThat(r.threshold()).isEmpty();
            });
  }

  @Test
  void readsEveryFeatureOfTheFormat() {
    List<AlarmRule> rules = RuleLoader.load(Path.of("src/test/resources/alarms/ok"));

    assertThat(rules)
        .extracting(AlarmRule::id)
        .containsExactly("db-cpu", "db-storage", "dlq", "error-rate");
    AlarmRule cpu = rules.get(0);
    assertThat(cpu.comparison()).isEqualTo(Comparison.GREATER_THAN_OR_EQUAL);
    assertThat(cpu.treatMissingData()).isEqualTo(MissingData.BREACHING);
    assertThat(cpu.runbook()).isEqualTo("Look at the top SQL.");
    assertThat(((AlarmSource.Metric) cpu.source()).dimensions())
        .contains(Set.of("DBInstanceIdentifier"));
    assertThat(cpu.enabledIn("dev")).isFalse();
    assertThat(cpu.enabledIn("staging")).isTrue();
    AlarmRule prodCpu = cpu.forEnvironment("prod");
    assertThat(prodCpu.threshold()).contains(new Threshold.Absolute(70));
    assertThat(prodCpu.severity()).isEqualTo(Severity.WARNING);
    assertThat(prodCpu.evaluationPeriods()).isEqualTo(10);
    assertThat(prodCpu.datapointsToAlarm()).isEqualTo(8);
    assertThat(cpu.forEnvironment("staging")).isEqualTo(cpu.forEnvironment("qa"));

    AlarmRule storage = rules.get(1);
    // CloudWatch's defaults: M is N, missing data is "missing".
    assertThat(storage.datapointsToAlarm()).isEqualTo(2);
    assertThat(storage.treatMissingData()).isEqualTo(MissingData.MISSING);
    assertThat(storage.threshold())
        .contains(new Threshold.PercentOf(10, Capacity.ALLOCATED_STORAGE));
    assertThat(storage.runbook()).isEqualTo("Grow the volume.");

    AlarmSource.Metric dlq = (AlarmSource.Metric) rules.get(2).source();
    assertThat(dlq.statistic()).isEqualTo("p99.9");
    assertThat(dlq.dimensionFilter()).containsExactly(Map.entry("QueueName", "*-dlq"));
    assertThat(rules.get(2).treatMissingData()).isEqualTo(MissingData.IGNORE);

    assertThat(rules.get(3).source()).isEqualTo(new AlarmSource.SeriesRef("api.5xx_ratio"));
    assertThat(rules.get(3).comparison()).isEqualTo(Comparison.INCREASING);
    assertThat(rules.get(3).threshold()).isEmpty();
  }

  /** Each bad fixture and its exact message, paths relative to the bad fixtures folder. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          missing-threshold.yaml         | missing-threshold.yaml:11 rule[1] (rds-cpu-high) threshold: missing
          bad-comparison.yaml            | bad-comparison.yaml:6 rule[0] (rds-cpu-high) comparison: "=>" is not one of >, >=, <, <=, increasing, decreasing
          bare-greater-than.yaml         | bare-greater-than.yaml:6 rule[0] (rds-cpu-high) comparison: "" is not one of >, >=, <, <=, increasing, decreasing (a bare > starts folded text in YAML: quote it, ">")
          bare-greater-or-equal.yaml     | bare-greater-or-equal.yaml:6 yaml: while scanning a block scalar, expected chomping or indentation indicators, but found =(61) (quote comparison symbols: ">=", ">")
          m-greater-than-n.yaml          | m-greater-than-n.yaml:9 rule[0] (rds-cpu-high) datapoints-to-alarm: 4 is more than evaluation-periods (3)
          n-below-one.yaml               | n-below-one.yaml:8 rule[0] (rds-cpu-high) evaluation-periods: 0 must be at least 1
          unknown-severity.yaml          | unknown-severity.yaml:4 rule[0] (rds-cpu-high) severity: "urgent" is not one of critical, warning, info
          unknown-missing-data.yaml      | unknown-missing-data.yaml:9 rule[0] (rds-cpu-high) treat-missing-data: "notbreaching" is not one of missing, notBreaching, breaching, ignore
          unknown-capacity.yaml          | unknown-capacity.yaml:8 rule[0] (rds-free-storage) percent-of: "disk-size" is not one of allocated-storage, lambda-concurrency-limit
          metric-without-statistic.yaml  | metric-without-statistic.yaml:6 rule[0] (rds-cpu-high) metric.statistic: missing
          metric-and-series.yaml         | metric-and-series.yaml:6 rule[0] (api-errors) series: not allowed together with metric; a rule reads one of metric, series or expr
          bad-expr.yaml                  | bad-expr.yaml:5 rule[0] (alb-5xx-share) expr: unexpected "/" at character 22 of "100 * (alb.elb_5xx + / alb.requests"
          expr-without-unit.yaml         | expr-without-unit.yaml:2 rule[0] (alb-5xx-share) unit: missing
          unit-without-expr.yaml         | unit-without-expr.yaml:6 rule[0] (rds-cpu-high) unit: only with expr: a metric or a series has its own unit
          neither-metric-nor-series.yaml | neither-metric-nor-series.yaml:2 rule[0] (api-errors) metric, series or expr: missing
          malformed-environment.yaml     | malformed-environment.yaml:11 rule[0] (rds-cpu-high) environments: "Prod" is not an environment name: a-z, 0-9 and -, starting with a letter
          override-n-below-m.yaml        | override-n-below-m.yaml:12 rule[0] (rds-cpu-high) environments.dev.evaluation-periods: 2 is less than datapoints-to-alarm (3)
          threshold-with-trend.yaml      | threshold-with-trend.yaml:7 rule[0] (cache-evictions) threshold: not allowed with comparison increasing
          bad-period.yaml                | bad-period.yaml:5 rule[0] (rds-cpu-high) metric.period: 45 must be 10, 20, 30 or a multiple of 60 seconds
          not-a-number.yaml              | not-a-number.yaml:7 rule[0] (rds-cpu-high) threshold: "eighty" is not a number
          bad-id.yaml                    | bad-id.yaml:2 rule[0] id: "RDS_cpu" must be kebab-case: a-z, 0-9 and -
          duplicate-id.yaml              | duplicate-id.yaml:10 rule[1] (rds-cpu-high) id: duplicate, first defined at {bad}duplicate-id.yaml:2
          unknown-key.yaml               | `unknown-key.yaml:2 rule[0] (rds-cpu-high) threshold: missing
                                            unknown-key.yaml:7 rule[0] (rds-cpu-high) threshhold: unknown key (expected one of id, title, severity, metric, series, expr, unit, comparison, threshold, percent-of, evaluation-periods, datapoints-to-alarm, treat-missing-data, runbook, category, environments)`
          no-rules.yaml                  | `no-rules.yaml:2 alarms: unknown key (expected one of rules)
                                            no-rules.yaml:2 rules: missing`
          several-errors.yaml            | `several-errors.yaml:6 rule[0] (first) metric.statistic: missing
                                            several-errors.yaml:19 rule[1] (second) datapoints-to-alarm: 3 is more than evaluation-periods (2)
                                            several-errors.yaml:20 rule[1] (second) treat-missing-data: "sometimes" is not one of missing, notBreaching, breaching, ignore`
          """)
  void namesFileLineRuleAndFieldOfEveryProblem(String fixture, String expected) {
    String message =
        Arrays.stream(expected.split("\n"))
            .map(line -> BAD + line.strip().replace("{bad}", BAD))
            .collect(Collectors.joining("\n"));

    assertThatThrownBy(() -> RuleLoader.loadFiles(List.of(Path.of(BAD + fixture))))
        .isInstanceOf(DataFileException.class)
        .hasMessage(message);
  }

  @Test
  void refusesAnIdDefinedInTwoFiles() {
    DataFileException e =
        catchThrowableOfType(
            DataFileException.class,
            () -> RuleLoader.load(Path.of(BAD + "duplicate-across-files")));

    assertThat(e.errors())
        .containsExactly(
            BAD
                + "duplicate-across-files/b.yaml:10 rule[1] (rds-cpu-high) id: duplicate, first"
                + " defined at "
                + BAD
                + "duplicate-across-files/a.yaml:2");
  }

  @Test
  void collectsTheProblemsOfAllFilesOfALoad() {
    DataFileException e =
        catchThrowableOfType(
            DataFileException.class,
            () ->
                RuleLoader.loadFiles(
                    List.of(Path.of(BAD + "bad-period.yaml"), Path.of(BAD + "bad-id.yaml"))));

    assertThat(e.errors())
        .extracting(line -> line.substring(BAD.length(), line.indexOf(' ')))
        .containsExactly("bad-period.yaml:5", "bad-id.yaml:2");
  }
}
