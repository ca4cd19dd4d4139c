package io.stackwatch.dashboard;

import java.util.Optional;

/**
 * Thresholds that colour a panel's value: above {@code warning} it reads as a warning, above {@code
 * critical} as critical; with {@code below}, the other way round (a cache hit ratio).
 */
public record Levels(Optional<Double> warning, Optional<Double> critical, boolean below) {

  /** {@code ok}, {@code warning} or {@code critical}; {@code none} for no value. */
  public String of(double v) {
    if (Double.isNaN(v)) {
      return "none";
    }
    if (critical.filter(t -> breaches(v, t)).isPresent()) {
      return "critical";
    }
    if (warning.filter(t -> breaches(v, t)).isPresent()) {
      return "warning";
    }
    return "ok";
  }

  private boolean breaches(double v, double threshold) {
    return below ? v < threshold : v > threshold;
  }
}
