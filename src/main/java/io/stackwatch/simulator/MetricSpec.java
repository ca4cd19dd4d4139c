package io.stackwatch.simulator;

import java.util.List;

/**
 * How the simulator generates one CloudWatch metric: which series exist (namespace, name, the
 * dimension names), what a datapoint means, and its typical level over a day.
 *
 * @param level the per-minute level: the gauge's value, the count per minute, or the mean latency
 * @param noise relative amplitude of the random variation, e.g. 0.05 for ±5 %
 * @param requests for {@link Shape#LATENCY}, requests per minute (the SampleCount); else null
 */
record MetricSpec(
    String namespace,
    String metricName,
    List<String> dimensionNames,
    Shape shape,
    Values values,
    Level level,
    double noise,
    Level requests) {

  /** What a datapoint of the metric aggregates. */
  enum Shape {
    /** A sampled level, one sample a minute (utilization, connections, bytes free). */
    GAUGE,
    /** Events counted per minute (requests, errors); Sum grows with the period. */
    COUNT,
    /** A duration per request; percentiles spread widely above the mean. */
    LATENCY
  }

  /** The range of values AWS reports. */
  enum Values {
    DECIMAL,
    /** Whole numbers: counts, connections, bytes. */
    INTEGER,
    /** 0 to 100. */
    PERCENT
  }

  /** A metric's typical value at a moment, for one resource. */
  @FunctionalInterface
  interface Level {
    double at(Resource resource, long epochSecond);
  }
}
