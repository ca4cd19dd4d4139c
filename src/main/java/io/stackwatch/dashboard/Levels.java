package io.stackwatch.dashboard;

import java.util.Optional;

/**
 * Thresholds that colour a panel's value: above {@code warning} it reads as a warning, above {@code
 * critical} as critical; with {@code below}, the other way round (a cache hit ratio).
 */
public record Levels(Optional<Double> warning, Optional<Double> critical, boolean below) {

  /** No thresholds: every value is {@link Level#OK}. */
  public static final Levels NONE = new Levels(Optional.empty(), Optional.empty(), false);

  /** The level of a value; {@link Level#NONE} for no value. */
  public Level of(double v) {
    if (Double.isNaN(v)) {
      return Level.NONE;
    }
    if (critical.filter(t -> breaches(v, t)).isPresent()) {
      return Level.CRITICAL;
    }
    if (warning.filter(t -> breaches(v, t)).isPresent()) {
      return Level.WARNING;
    }
    return Level.OK;
  }

  private boolean breaches(double v, double threshold) {
    return below ? v < threshold : v > threshold;
  }
}
