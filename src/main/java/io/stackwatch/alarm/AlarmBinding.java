package io.stackwatch.alarm;

import io.stackwatch.catalog.Environment;
import io.stackwatch.dashboard.PanelData;
import io.stackwatch.series.Derivation;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Binds rules to the series of one environment. A metric rule yields one instance per matching
 * series (one per Lambda function, per dead-letter queue, per cache node) and none where nothing
 * matches (CloudFront in dev); a series rule yields one instance where the series exists.
 */
public final class AlarmBinding {

  private AlarmBinding() {}

  /**
   * Binds with AWS's default Lambda concurrency limit of {@value
   * Capacity#DEFAULT_LAMBDA_CONCURRENCY_LIMIT}.
   */
  public static List<AlarmInstance> bind(List<AlarmRule> rules, Environment env, SeriesPlan plan) {
    return bind(rules, env, plan, Capacity.DEFAULT_LAMBDA_CONCURRENCY_LIMIT);
  }

  /**
   * The alarm instances of one environment, in rule order.
   *
   * @param rules all rules, as loaded
   * @param env the environment, for its name and capacities
   * @param plan the environment's series
   * @param lambdaConcurrencyLimit the account's Lambda concurrency limit
   */
  public static List<AlarmInstance> bind(
      List<AlarmRule> rules, Environment env, SeriesPlan plan, int lambdaConcurrencyLimit) {
    List<AlarmInstance> instances = new ArrayList<>();
    for (AlarmRule declared : rules) {
      if (!declared.enabledIn(env.name())) {
        continue;
      }
      AlarmRule rule = declared.forEnvironment(env.name());
      Optional<Double> threshold =
          rule.threshold().map(t -> t.resolve(env, lambdaConcurrencyLimit));
      if (rule.source() instanceof AlarmSource.Metric metric) {
        List<Series> matches = plan.metrics().stream().filter(metric::matches).toList();
        for (Series s : matches) {
          instances.add(
              new AlarmInstance(
                  idOf(rule, s, matches), env.name(), rule, s, metric.periodSeconds(), threshold));
        }
      } else if (rule.source() instanceof AlarmSource.Math math) {
        List<Series> inputs = inputs(math, plan);
        boolean every =
            math.expression().references().stream()
                .allMatch(ref -> !PanelData.matching(plan, List.of(ref)).isEmpty());
        OptionalInt period =
            inputs.stream()
                .map(Series::stat)
                .flatMap(Optional::stream)
                .mapToInt(MetricStat::periodSeconds)
                .max();
        if (every && period.isPresent()) {
          Series computed =
              new Series(
                  "expr." + rule.id(),
                  env.name(),
                  rule.title(),
                  math.unit(),
                  Optional.empty(),
                  Duration.ZERO);
          instances.add(
              new AlarmInstance(
                  rule.id(), env.name(), rule, computed, period.getAsInt(), threshold));
        }
      } else if (rule.source() instanceof AlarmSource.SeriesRef ref) {
        Optional<Series> series = plan.find(ref.seriesId());
        Optional<Integer> period = series.flatMap(s -> periodOf(s, plan));
        if (series.isPresent() && period.isPresent()) {
          instances.add(
              new AlarmInstance(
                  rule.id(), env.name(), rule, series.get(), period.get(), threshold));
        }
      }
    }
    return instances;
  }

  /** The series a rule's metric math reads in one environment, each once. */
  public static List<Series> inputs(AlarmSource.Math math, SeriesPlan plan) {
    return PanelData.matching(plan, math.expression().references());
  }

  /** The series an alarm reads: its own, or those of its metric math. */
  public static List<Series> reads(AlarmInstance instance, SeriesPlan plan) {
    return instance.rule().source() instanceof AlarmSource.Math math
        ? inputs(math, plan)
        : List.of(instance.series());
  }

  /**
   * The rule id, suffixed when the rule matched several series with the values of the dimensions
   * that differ between them: {@code lambda-errors:prod-api}.
   */
  private static String idOf(AlarmRule rule, Series series, List<Series> matches) {
    if (matches.size() == 1) {
      return rule.id();
    }
    List<MetricStat.Dimension> own = series.stat().orElseThrow().dimensions();
    String distinguishing =
        own.stream()
            .filter(d -> matches.stream().anyMatch(m -> !valueOf(m, d.name()).equals(d.value())))
            .map(MetricStat.Dimension::value)
            .collect(Collectors.joining(","));
    return rule.id() + ":" + distinguishing;
  }

  private static String valueOf(Series series, String dimension) {
    return series.stat().orElseThrow().dimensions().stream()
        .filter(d -> d.name().equals(dimension))
        .map(MetricStat.Dimension::value)
        .findFirst()
        .orElse("");
  }

  /** A fetched series' own period; a derived series has its inputs' (the coarsest of them). */
  private static Optional<Integer> periodOf(Series series, SeriesPlan plan) {
    if (series.stat().isPresent()) {
      return series.stat().map(MetricStat::periodSeconds);
    }
    OptionalInt coarsest =
        plan.derived().stream()
            .filter(d -> d.series().id().equals(series.id()))
            .map(Derivation::inputs)
            .flatMap(List::stream)
            .map(plan::find)
            .flatMap(Optional::stream)
            .map(Series::stat)
            .flatMap(Optional::stream)
            .mapToInt(MetricStat::periodSeconds)
            .max();
    return coarsest.isPresent() ? Optional.of(coarsest.getAsInt()) : Optional.empty();
  }
}
