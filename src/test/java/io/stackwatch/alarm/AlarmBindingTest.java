package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.dashboard.PanelData;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("plain")
class AlarmBindingTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:05:30Z");

  @Test
  void everyShippedRuleBindsInProd() {
    Set<String> boundRules =
        SeedStack.bound("prod").stream().map(i -> i.rule().id()).collect(Collectors.toSet());

    assertThat(SeedStack.shippedRules())
        .extracting(AlarmRule::id)
        .allSatisfy(id -> assertThat(boundRules).as("rules bound in prod").contains(id));
  }

  @Test
  void prodHasOneAlarmPerFunctionQueueNodeAndGateway() {
    assertThat(SeedStack.bound("prod"))
        .extracting(AlarmInstance::id)
        .containsExactly(
            "alb-unhealthy-hosts",
            "alb-target-5xx",
            "alb-elb-5xx",
            "api-5xx-high",
            "api-latency-p99-high",
            "api-error-rate-high",
            "cdn-5xx-rate-high",
            "cost-forecast-over-budget",
            "cost-anomaly",
            "ecs-no-running-tasks",
            "cache-evictions-increasing:prod-redis-001",
            "cache-evictions-increasing:prod-redis-002",
            "cache-evictions-increasing:prod-redis-003",
            "cache-hit-ratio-low",
            "cache-memory-high:prod-redis-001",
            "cache-memory-high:prod-redis-002",
            "cache-memory-high:prod-redis-003",
            "lambda-concurrency-near-limit",
            "lambda-errors:prod-api",
            "lambda-errors:prod-worker",
            "lambda-throttles:prod-api",
            "lambda-throttles:prod-worker",
            "maintenance-critical-overdue",
            "nat-port-allocation-errors:prod-nat-1",
            "nat-port-allocation-errors:prod-nat-2",
            "nat-port-allocation-errors:prod-nat-3",
            "rds-cpu-high",
            "rds-free-storage-low",
            "rds-connections-high",
            "rds-read-latency-high",
            "rds-write-latency-high",
            "sqs-dlq-not-empty:prod-processing-dlq",
            "sqs-dlq-not-empty:prod-email-dlq",
            "sqs-oldest-message-old:prod-processing",
            "sqs-oldest-message-old:prod-email");
  }

  @Test
  void devHasNoCloudFrontAndSkipsTheWarningsItTurnsOff() {
    List<String> ids = SeedStack.bound("dev").stream().map(AlarmInstance::id).toList();

    assertThat(ids)
        .doesNotContain("cdn-5xx-rate-high", "api-latency-p99-high", "cache-hit-ratio-low")
        .noneMatch(id -> id.startsWith("lambda-errors"))
        // One node and one gateway in dev: nothing to tell apart, no suffix.
        .contains("cache-evictions-increasing", "nat-port-allocation-errors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod", "staging", "dev"})
  void dlqAlarmWatchesOnlyDeadLetterQueues(String env) {
    assertThat(SeedStack.bound(env))
        .filteredOn(i -> i.rule().id().equals("sqs-dlq-not-empty"))
        .extracting(i -> i.series().id())
        .containsExactly(
            "sqs." + env + "-processing-dlq.visible", "sqs." + env + "-email-dlq.visible");
  }

  @Test
  void aRuleOnMetricMathBindsOnceReadsEveryInputAndAlarmsOnTheComputedValue(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("math.yaml");
    Files.writeString(
        file,
        """
        rules:
          - id: alb-5xx-share
            title: Load balancer 5xx above 5 % of requests
            severity: warning
            expr: 100 * (alb.elb_5xx + alb.target_5xx) / alb.requests
            unit: percent
            comparison: ">"
            threshold: 5
            evaluation-periods: 3
            runbook: Read the targets' logs; roll back the last deploy if it began then.
        """);
    SeriesPlan plan = SeedStack.plan("prod");
    List<AlarmInstance> bound =
        AlarmBinding.bind(RuleLoader.loadFiles(List.of(file)), SeedStack.env("prod"), plan);
    assertThat(bound).hasSize(1);
    AlarmInstance share = bound.get(0);

    assertThat(share.id()).isEqualTo("alb-5xx-share");
    assertThat(share.series().unit()).isEqualTo(Unit.PERCENT);
    assertThat(AlarmBinding.reads(share, plan))
        .extracting(Series::id)
        .containsExactlyInAnyOrder("alb.elb_5xx", "alb.target_5xx", "alb.requests");

    // 1000 requests a minute, 30 + 40 of them 5xx: 7 %, above 5 % in each of the three minutes.
    Map<String, Double> perMinute =
        Map.of("alb.requests", 1000.0, "alb.elb_5xx", 30.0, "alb.target_5xx", 40.0);
    long first = AlarmEvaluator.rangeStart(share, NOW).getEpochSecond();
    Points computed =
        PanelData.expression(
            ((AlarmSource.Math) share.rule().source()).expression(),
            plan,
            s -> constant(first, NOW.getEpochSecond(), perMinute.get(s.id())));
    Evaluation e = AlarmEvaluator.evaluate(computed, share, AlarmState.INSUFFICIENT_DATA, NOW);

    assertThat(e.state()).isEqualTo(AlarmState.ALARM);
    assertThat(e.evaluatedValues()).containsOnly(7.0);
  }

  private static Points constant(long from, long to, double value) {
    long[] times = LongStream.iterate(from, t -> t < to, t -> t + 60).toArray();
    double[] values = new double[times.length];
    Arrays.fill(values, value);
    return new Points(times, values);
  }

  @Test
  void lambdaConcurrencyReadsTheAccountMetricAgainst80PercentOfTheLimit() {
    List<AlarmInstance> concurrency =
        AlarmBinding.bind(SeedStack.shippedRules(), SeedStack.env("prod"), SeedStack.plan("prod"))
            .stream()
            .filter(i -> i.rule().id().equals("lambda-concurrency-near-limit"))
            .toList();
    List<AlarmInstance> lowerLimit =
        AlarmBinding.bind(
                SeedStack.shippedRules(), SeedStack.env("prod"), SeedStack.plan("prod"), 500)
            .stream()
            .filter(i -> i.rule().id().equals("lambda-concurrency-near-limit"))
            .toList();

    assertThat(concurrency)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.series().id()).isEqualTo("lambda.account_concurrency");
              assertThat(i.threshold()).contains(800.0);
            });
    assertThat(lowerLimit)
        .singleElement()
        .satisfies(i -> assertThat(i.threshold()).contains(400.0));
  }

  @ParameterizedTest(name = "{0}: threshold {1}, severity {2}, {4} out of {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prod    | 80 | CRITICAL | 3 | 3
          staging | 80 | CRITICAL | 3 | 3
          dev     | 80 | WARNING  | 5 | 5
          """)
  void environmentOverridesChangeOnlyWhatTheyName(
      String env, double threshold, Severity severity, int n, int m) {
    AlarmInstance cpu = SeedStack.instance(env, "rds-cpu-high");

    assertThat(cpu.threshold()).contains(threshold);
    assertThat(cpu.rule().severity()).isEqualTo(severity);
    assertThat(cpu.rule().evaluationPeriods()).isEqualTo(n);
    assertThat(cpu.rule().datapointsToAlarm()).isEqualTo(m);
  }

  @ParameterizedTest
  @CsvSource({"prod, 320", "staging, 150", "dev, 65"})
  void connectionThresholdsFollowEachInstanceSize(String env, double threshold) {
    assertThat(SeedStack.instance(env, "rds-connections-high").threshold()).contains(threshold);
  }

  @Test
  void aSeriesRuleBindsTheDerivedSeriesAtItsInputsPeriod() {
    AlarmInstance errorRate = SeedStack.instance("prod", "api-error-rate-high");

    assertThat(errorRate.series().id()).isEqualTo("api.5xx_ratio");
    assertThat(errorRate.periodSeconds()).isEqualTo(60);
    assertThat(errorRate.rule().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(SeedStack.instance("staging", "api-error-rate-high").rule().severity())
        .isEqualTo(Severity.WARNING);
  }

  /** 10 % of 20, 50 and 100 GiB in bytes, as FreeStorageSpace reports it. */
  @ParameterizedTest(name = "{0}: {1} GB, alarms below {2} bytes")
  @CsvSource({"dev, 20, 2147483648", "staging, 50, 5368709120", "prod, 100, 10737418240"})
  void freeStorageAlarmsAtTenPercentOfEachEnvironmentsAllocatedStorage(
      String env, int allocatedGb, long tenPercentBytes) {
    AlarmInstance storage = SeedStack.instance(env, "rds-free-storage-low");
    assertThat(SeedStack.env(env).allocatedStorageGb()).isEqualTo(allocatedGb);
    assertThat(storage.threshold()).contains((double) tenPercentBytes);

    Evaluation justUnder =
        AlarmEvaluator.evaluate(fiveMinutesOf(tenPercentBytes - 1), storage, AlarmState.OK, NOW);
    Evaluation justOver =
        AlarmEvaluator.evaluate(fiveMinutesOf(tenPercentBytes + 1), storage, AlarmState.ALARM, NOW);

    assertThat(justUnder.state()).as(justUnder.reason()).isEqualTo(AlarmState.ALARM);
    assertThat(justOver.state()).as(justOver.reason()).isEqualTo(AlarmState.OK);
  }

  @Test
  void instancesReadTheirOwnEnvironmentsSeries() {
    assertThat(SeedStack.bound("staging"))
        .extracting(AlarmInstance::series)
        .extracting(Series::environment)
        .containsOnly("staging");
    assertThat(SeedStack.instance("staging", "rds-cpu-high").key())
        .isEqualTo("staging/rds-cpu-high");
  }

  /** One value for each of the five minutes before 12:05. */
  private static Points fiveMinutesOf(long bytes) {
    long first = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();
    return new Points(
        LongStream.range(0, 5).map(i -> first + 60 * i).toArray(),
        LongStream.range(0, 5).mapToDouble(i -> bytes).toArray());
  }
}
