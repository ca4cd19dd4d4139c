package io.stackwatch.series;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A series stackwatch computes from fetched series of the same environment, point by point at the
 * timestamps all inputs share. Computing it here rather than with CloudWatch metric math costs the
 * same and works against any CloudWatch-compatible endpoint.
 *
 * @param series the derived series
 * @param inputs ids of the input series
 * @param formula the value from the inputs' values at one timestamp, in the order of {@code
 *     inputs}; NaN where it is undefined (such as a ratio of nothing)
 */
public record Derivation(Series series, List<String> inputs, ToDoubleFunction<double[]> formula) {

  public Derivation {
    inputs = List.copyOf(inputs);
  }
}
