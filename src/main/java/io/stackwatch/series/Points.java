package io.stackwatch.series;

import java.time.Instant;
import java.util.Optional;

/**
 * A copy of a series' points, oldest first.
 *
 * @param epochSeconds the points' times
 * @param values their values, aligned with the times
 */
public record Points(long[] epochSeconds, double[] values) {

  public static final Points EMPTY = new Points(new long[0], new double[0]);

  public int size() {
    return epochSeconds.length;
  }

  public boolean isEmpty() {
    return epochSeconds.length == 0;
  }

  /** The newest point, if any. */
  public Optional<Sample> last() {
    if (isEmpty()) {
      return Optional.empty();
    }
    int i = size() - 1;
    return Optional.of(new Sample(Instant.ofEpochSecond(epochSeconds[i]), values[i]));
  }

  /** One point. */
  public record Sample(Instant at, double value) {}
}
