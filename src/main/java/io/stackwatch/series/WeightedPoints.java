package io.stackwatch.series;

import java.util.Arrays;

/**
 * Points of one tier, oldest first, each with the minutes of data behind it: 1 for a 1-minute
 * point, up to 5 or 60 for a rolled-up one (fewer when some minutes had no data), so that averages
 * of averages can be weighted as they must.
 *
 * @param epochSeconds the start of each point's period
 * @param values the values
 * @param minutes the minutes of data behind each value, at least 1
 */
public record WeightedPoints(long[] epochSeconds, double[] values, int[] minutes) {

  public static final WeightedPoints EMPTY =
      new WeightedPoints(new long[0], new double[0], new int[0]);

  public WeightedPoints {
    if (epochSeconds.length != values.length || values.length != minutes.length) {
      throw new IllegalArgumentException("times, values and weights differ in length");
    }
  }

  /** Points each of which stands for a whole period of {@code tier}. */
  public static WeightedPoints whole(Points points, Tier tier) {
    int[] w = new int[points.size()];
    Arrays.fill(w, tier.fullWeight());
    return new WeightedPoints(points.epochSeconds(), points.values(), w);
  }

  public int size() {
    return epochSeconds.length;
  }

  public boolean isEmpty() {
    return epochSeconds.length == 0;
  }

  /** The points without their weights. */
  public Points points() {
    return new Points(epochSeconds, values);
  }

  /** These points followed by {@code later}'s, which must all be later. */
  public WeightedPoints append(WeightedPoints later) {
    if (later.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return later;
    }
    int n = size() + later.size();
    long[] t = Arrays.copyOf(epochSeconds, n);
    double[] v = Arrays.copyOf(values, n);
    int[] w = Arrays.copyOf(minutes, n);
    System.arraycopy(later.epochSeconds, 0, t, size(), later.size());
    System.arraycopy(later.values, 0, v, size(), later.size());
    System.arraycopy(later.minutes, 0, w, size(), later.size());
    return new WeightedPoints(t, v, w);
  }
}
