package io.stackwatch.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A CloudWatch metric: namespace, name and dimensions. Dimensions keep the order they were given
 * in; CloudWatch treats them as a set, and so does {@link #sameMetric}.
 */
public record MetricId(String namespace, String metricName, List<MetricDimension> dimensions) {

  public MetricId {
    dimensions = List.copyOf(dimensions);
  }

  /** A metric from a dimension map, in the map's iteration order. */
  public static MetricId of(String namespace, String metricName, Map<String, String> dimensions) {
    List<MetricDimension> list = new ArrayList<>(dimensions.size());
    dimensions.forEach((name, value) -> list.add(new MetricDimension(name, value)));
    return new MetricId(namespace, metricName, list);
  }

  /** The dimensions sorted by name, the canonical form that identifies the series. */
  public List<MetricDimension> sortedDimensions() {
    if (dimensions.size() < 2) {
      return dimensions;
    }
    List<MetricDimension> sorted = new ArrayList<>(dimensions);
    sorted.sort(Comparator.comparing(MetricDimension::name));
    return sorted;
  }

  /** The value of a dimension, or null. */
  public String dimension(String name) {
    for (MetricDimension d : dimensions) {
      if (d.name().equals(name)) {
        return d.value();
      }
    }
    return null;
  }

  /** Whether both name the same series, whatever the order of their dimensions. */
  public boolean sameMetric(MetricId other) {
    return namespace.equals(other.namespace)
        && metricName.equals(other.metricName)
        && sortedDimensions().equals(other.sortedDimensions());
  }
}
