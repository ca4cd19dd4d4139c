package io.stackwatch.dashboard;

import io.stackwatch.series.Points;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a panel's {@link Expression} over stored points, point by point, as stackwatch computes
 * its derived series: at every time some input has a point, kept where the result is a number (a
 * time an input lacks, or a ratio of nothing, is no point).
 */
public final class MetricMath {

  private MetricMath() {}

  /**
   * @param inputs for each reference of the expression, the points of every series it matches
   */
  public static Points evaluate(Expression expression, Map<String, List<Points>> inputs) {
    TreeSet<Long> times = new TreeSet<>();
    for (List<Points> series : inputs.values()) {
      for (Points p : series) {
        for (long t : p.epochSeconds()) {
          times.add(t);
        }
      }
    }
    long[] outTimes = new long[times.size()];
    double[] outValues = new double[times.size()];
    int n = 0;
    for (long t : times) {
      double v =
          expression.evaluate(
              ref -> {
                List<Points> series = inputs.getOrDefault(ref, List.of());
                double[] values = new double[series.size()];
                for (int i = 0; i < values.length; i++) {
                  values[i] = valueAt(series.get(i), t);
                }
                return values;
              });
      if (Double.isFinite(v)) {
        outTimes[n] = t;
        outValues[n] = v;
        n++;
      }
    }
    return new Points(Arrays.copyOf(outTimes, n), Arrays.copyOf(outValues, n));
  }

  private static double valueAt(Points p, long t) {
    int i = Arrays.binarySearch(p.epochSeconds(), t);
    return i < 0 ? Double.NaN : p.values()[i];
  }
}
