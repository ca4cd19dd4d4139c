package io.stackwatch.series;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One CloudWatch statistic of one metric at one period: what a GetMetricData {@code MetricStat}
 * query asks for.
 *
 * @param namespace such as {@code AWS/RDS}
 * @param metricName such as {@code CPUUtilization}
 * @param dimensions the metric's dimensions, in a stable order
 * @param stat {@code Average}, {@code Sum}, {@code Minimum}, {@code Maximum}, {@code SampleCount}
 *     or a percentile such as {@code p99}
 * @param periodSeconds the period of each datapoint
 */
public record MetricStat(
    String namespace,
    String metricName,
    List<Dimension> dimensions,
    String stat,
    int periodSeconds) {

  public MetricStat {
    dimensions = List.copyOf(dimensions);
  }

  /** The same statistic at another period, such as a day for a check of weeks. */
  public MetricStat withPeriod(int seconds) {
    return new MetricStat(namespace, metricName, dimensions, stat, seconds);
  }

  /** Every statistic GetMetricData takes, as CloudWatch's documentation spells them. */
  private static final java.util.regex.Pattern STATISTIC =
      java.util.regex.Pattern.compile(
          "SampleCount|Average|Sum|Minimum|Maximum|IQM"
              + "|(p|tm|wm|tc|ts)(\\d{1,2}(\\.\\d{1,10})?|100)"
              + "|(TM|WM|TC|TS|PR)\\((\\d+(\\.\\d+)?%?)?:(\\d+(\\.\\d+)?%?)?\\)");

  /**
   * Whether CloudWatch takes this statistic: {@code SampleCount}, {@code Average}, {@code Sum},
   * {@code Minimum}, {@code Maximum}, {@code IQM}, a percentile ({@code p99}, {@code p99.9}), a
   * trimmed, winsorized or trimmed-count/sum mean ({@code tm90}, {@code TM(10%:90%)}) or a
   * percentile rank ({@code PR(:300)}).
   */
  public static boolean isStatistic(String statistic) {
    return STATISTIC.matcher(statistic).matches();
  }

  /** A metric dimension. */
  public record Dimension(String name, String value) {}

  @Override
  public String toString() {
    return namespace
        + " "
        + metricName
        + dimensions.stream()
            .map(d -> d.name() + "=" + d.value())
            .collect(Collectors.joining(",", "{", "}"))
        + " "
        + stat
        + "/"
        + periodSeconds
        + "s";
  }
}
