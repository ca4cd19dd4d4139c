package io.stackwatch.alarm;

import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.dashboard.Expression;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import io.stackwatch.series.Unit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a rule reads: a CloudWatch metric statistic, which applies to every matching series of an
 * environment, or one series by id, usually one stackwatch derives.
 */
public sealed interface AlarmSource
    permits AlarmSource.Metric, AlarmSource.SeriesRef, AlarmSource.Math {

  /**
   * Every fetched series with this namespace, metric name, statistic and period. Dimensions come
   * from the catalog through the series plan, so one rule covers each Lambda function or queue.
   *
   * @param namespace such as {@code AWS/Lambda}
   * @param name metric name, such as {@code Errors}
   * @param statistic {@code Average}, {@code Sum}, {@code Minimum}, {@code Maximum}, {@code
   *     SampleCount} or a percentile such as {@code p99}
   * @param periodSeconds the period of each datapoint
   * @param dimensions when present, the exact set of dimension names a series must have; empty
   *     means the metric without dimensions (such as the account-wide Lambda concurrency)
   * @param dimensionFilter dimension name to a glob its value must match ({@code *} any run of
   *     characters, {@code ?} one character), such as {@code QueueName: "orders-*"}
   * @param resource when present, the kind of resource a series must be published for, such as
   *     dead-letter queues, whatever their names
   */
  record Metric(
      String namespace,
      String name,
      String statistic,
      int periodSeconds,
      Optional<Set<String>> dimensions,
      Map<String, String> dimensionFilter,
      Optional<ResourceKind> resource)
      implements AlarmSource {

    public Metric {
      dimensions = dimensions.map(Set::copyOf);
      dimensionFilter = Map.copyOf(dimensionFilter);
    }

    /** Whether a series is one this rule reads: its statistic, and its resource's kind. */
    public boolean matches(Series series) {
      return series.stat().filter(this::matches).isPresent()
          && resource.map(k -> k == series.kind()).orElse(true);
    }

    /** Whether a statistic is one this rule reads, whatever resource publishes it. */
    public boolean matches(MetricStat stat) {
      return stat.namespace().equals(namespace)
          && stat.metricName().equals(name)
          && stat.stat().equals(statistic)
          && stat.periodSeconds() == periodSeconds
          && dimensions.map(names -> names.equals(namesOf(stat))).orElse(true)
          && dimensionFilter.entrySet().stream().allMatch(f -> valueMatches(stat, f));
    }

    private static Set<String> namesOf(MetricStat stat) {
      return stat.dimensions().stream().map(MetricStat.Dimension::name).collect(Collectors.toSet());
    }

    private static boolean valueMatches(MetricStat stat, Map.Entry<String, String> filter) {
      Pattern glob = glob(filter.getValue());
      return stat.dimensions().stream()
          .anyMatch(d -> d.name().equals(filter.getKey()) && glob.matcher(d.value()).matches());
    }

    private static Pattern glob(String glob) {
      StringBuilder regex = new StringBuilder();
      StringBuilder literal = new StringBuilder();
      for (char c : glob.toCharArray()) {
        if (c == '*' || c == '?') {
          regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
          literal.setLength(0);
        } else {
          literal.append(c);
        }
      }
      return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
  }

  /**
   * One series of the environment by id, such as the derived {@code api.5xx_ratio}.
   *
   * @param seriesId the series id in the environment's series plan
   */
  record SeriesRef(String seriesId) implements AlarmSource {}

  /**
   * Metric math over the environment's series, as panels write it, such as {@code 100 *
   * (alb.elb_5xx + alb.target_5xx) / alb.requests}: evaluated point by point over the stored points
   * of every series it reads, at the coarsest period among them.
   *
   * @param expression the parsed math
   * @param text as written
   * @param unit the unit of its values
   */
  record Math(Expression expression, String text, Unit unit) implements AlarmSource {}
}
