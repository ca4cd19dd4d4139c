package io.stackwatch.simulator;

/**
 * Generates CloudWatch datapoints from nothing but a seed: each value is a function of the seed,
 * the metric (namespace, name, dimensions), the statistic, the period and the timestamp, so the
 * same query always returns the same numbers and any window can be computed without history.
 */
public final class MetricModel {

  private final long seed;

  public MetricModel(long seed) {
    this.seed = seed;
  }

  /** The series for a metric, or null if the simulator does not know it (no such metric in AWS). */
  public ModelSeries series(MetricId metric) {
    MetricSpec spec = MetricCatalog.find(metric);
    if (spec == null) {
      return null;
    }
    long hash = Noise.hash(seed, metric.namespace());
    hash = Noise.hash(hash, metric.metricName());
    for (MetricDimension d : metric.sortedDimensions()) {
      hash = Noise.hash(Noise.hash(hash, d.name()), d.value());
    }
    return new ModelSeries(metric, spec, Resource.of(metric), hash, null);
  }

  /** The value of one datapoint; NaN if the metric is unknown. */
  public double value(MetricId metric, Stat stat, int period, long epochSecond) {
    ModelSeries series = series(metric);
    return series == null ? Double.NaN : series.value(stat, period, epochSecond);
  }
}
