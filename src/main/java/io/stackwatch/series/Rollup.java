package io.stackwatch.series;

import java.util.Arrays;

/**
 * How the points of a statistic combine into a coarser period while keeping their meaning: an
 * average is the average of the averages weighted by the minutes of data behind each, a sum the sum
 * of the sums (as is a sample count), a maximum the maximum, a minimum the minimum. A percentile
 * (or any other statistic) cannot be computed from finer points: {@link #NONE}, and CloudWatch is
 * asked for it at the coarser period instead.
 */
public enum Rollup {
  AVERAGE,
  SUM,
  MAXIMUM,
  MINIMUM,
  NONE;

  /**
   * The rollup of a CloudWatch statistic ({@code Average}, {@code Sum}, {@code SampleCount}, {@code
   * Maximum}, {@code Minimum}); {@link #NONE} for percentiles and the rest.
   */
  public static Rollup of(String statistic) {
    return switch (statistic) {
      case "Average" -> AVERAGE;
      case "Sum", "SampleCount" -> SUM;
      case "Maximum" -> MAXIMUM;
      case "Minimum" -> MINIMUM;
      default -> NONE;
    };
  }

  /** The rollup of a series: by its statistic; a derived series' values are averaged. */
  public static Rollup of(Series series) {
    return series.stat().map(s -> of(s.stat())).orElse(AVERAGE);
  }

  /** Whether finer points can be combined into coarser ones at all. */
  public boolean rollsUp() {
    return this != NONE;
  }

  /**
   * Combines points into periods of {@code periodSeconds}, aligned to the epoch: one point per
   * period that holds any, whose weight is the sum of the weights combined. A period only partly
   * covered (some minutes without data) yields the combination of what is there, with the smaller
   * weight saying so.
   *
   * @throws IllegalStateException for {@link #NONE}
   */
  public WeightedPoints apply(WeightedPoints in, int periodSeconds) {
    if (this == NONE) {
      throw new IllegalStateException("a percentile cannot be rolled up from finer points");
    }
    int n = in.size();
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    int out = -1;
    double weightedSum = 0;
    for (int i = 0; i < n; i++) {
      long period = Math.floorDiv(in.epochSeconds()[i], periodSeconds) * (long) periodSeconds;
      double x = in.values()[i];
      int m = in.minutes()[i];
      if (out < 0 || t[out] != period) {
        if (out >= 0) {
          finish(v, w, out, weightedSum);
        }
        out++;
        t[out] = period;
        v[out] = x;
        w[out] = m;
        weightedSum = x * m;
        continue;
      }
      w[out] += m;
      switch (this) {
        case AVERAGE -> weightedSum += x * m;
        case SUM -> v[out] += x;
        case MAXIMUM -> v[out] = Math.max(v[out], x);
        case MINIMUM -> v[out] = Math.min(v[out], x);
        default -> throw new IllegalStateException();
      }
    }
    if (out >= 0) {
      finish(v, w, out, weightedSum);
    }
    int k = out + 1;
    return new WeightedPoints(Arrays.copyOf(t, k), Arrays.copyOf(v, k), Arrays.copyOf(w, k));
  }

  private void finish(double[] v, int[] w, int at, double weightedSum) {
    if (this == AVERAGE) {
      v[at] = weightedSum / w[at];
    }
  }
}
