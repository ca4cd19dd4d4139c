package io.stackwatch.alarm;

import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rule bound to one series of one environment: what {@link AlarmEvaluator} evaluates and what has
 * a state.
 *
 * @param id unique within the environment: the rule id, or for a rule matching several series the
 *     rule id, {@code :} and the dimension values telling them apart, such as {@code
 *     lambda-errors:prod-api}
 * @param environment environment name
 * @param rule the rule with the environment's overrides applied
 * @param series the series it reads
 * @param periodSeconds the period of the series' datapoints
 * @param threshold the threshold in the series' unit, capacity resolved; empty for a trend
 */
public record AlarmInstance(
    String id,
    String environment,
    AlarmRule rule,
    Series series,
    int periodSeconds,
    Optional<Double> threshold) {

  /** Key unique across environments, such as {@code prod/rds-cpu-high}. */
  public String key() {
    return environment + "/" + id;
  }

  /** What it is about: health, cost or maintenance, as its rule says or what it reads tells. */
  public Category category() {
    return rule.category().orElseGet(() -> Category.of(series));
  }

  /**
   * The resource it is about, as a silence matches it: for a rule matching several series what the
   * id names after the rule's ({@code prod-email-dlq} of {@code sqs-dlq-not-empty:prod-email-dlq}),
   * else the dimension values of the one CloudWatch metric it reads ({@code prod-db}); empty for an
   * alarm of the environment as a whole (cost, maintenance, derived series).
   */
  public String resource() {
    int colon = id.indexOf(':');
    if (colon >= 0) {
      return id.substring(colon + 1);
    }
    if (!series.fromCloudWatch()) {
      return "";
    }
    return series.stat().orElseThrow().dimensions().stream()
        .map(MetricStat.Dimension::value)
        .collect(Collectors.joining(","));
  }
}
