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
