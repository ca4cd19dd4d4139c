package io.stackwatch.simulator;

import java.util.function.Function;

/**
 * Generates CloudWatch datapoints from nothing but a seed: each value is a function of the seed,
 * the metric (namespace, name, dimensions), the statistic, the period and the timestamp, so the
 * same query always returns the same numbers and any window can be computed without history. Which
 * environment a series belongs to, and so its size, comes from the resource the model is told about
 * (the stack's when it holds the resource), or from the resource's name.
 */
public final class MetricModel {

  private final long seed;
  private final Function<MetricId, Resource> resources;

  /** A model that reads every resource's environment from its name ({@link Resource#of}). */
  public MetricModel(long seed) {
    this(seed, Resource::of);
  }

  /**
   * @param resources the resource a metric is about; null when there is no such resource, so the
   *     metric has no data
   */
  MetricModel(long seed, Function<MetricId, Resource> resources) {
    this.seed = seed;
    this.resources = resources;
  }

  /**
   * The series for a metric, or null if the simulator does not know it (no such metric in AWS) or
   * its resource does not exist.
   */
  public ModelSeries series(MetricId metric) {
    MetricSpec spec = MetricCatalog.find(metric);
    if (spec == null) {
      return null;
    }
    Resource resource = resources.apply(metric);
    if (resource == null) {
      return null;
    }
    long hash = Noise.hash(seed, metric.namespace());
    hash = Noise.hash(hash, metric.metricName());
    for (MetricDimension d : metric.sortedDimensions()) {
      hash = Noise.hash(Noise.hash(hash, d.name()), d.value());
    }
    return new ModelSeries(metric, spec, resource, hash, null);
  }

  /** The value of one datapoint; NaN if the metric is unknown. */
  public double value(MetricId metric, Stat stat, int period, long epochSecond) {
    ModelSeries series = series(metric);
    return series == null ? Double.NaN : series.value(stat, period, epochSecond);
  }
}
