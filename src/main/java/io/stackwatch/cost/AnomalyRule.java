package io.stackwatch.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * When a day's cost is an anomaly: above the mean of the {@value #WINDOW} reported days before it
 * by {@code sigmas} standard deviations and by at least a tenth of the mean (so cents of revision
 * on flat spend are not anomalies), or, when a ratio is set, by that factor of the mean. Days with
 * fewer than {@value #WINDOW} reported days before them are never anomalies: a day Cost Explorer
 * did not report is not a $0 day.
 *
 * @param sigmas standard deviations above the trailing mean
 * @param ratio if present, a day above {@code ratio} × the trailing mean is an anomaly instead
 */
public record AnomalyRule(double sigmas, Optional<Double> ratio) {

  /** Days of history a day is compared with. */
  public static final int WINDOW = 14;

  /** The least rise above the mean that counts, as a share of it. */
  static final double MIN_RISE = 0.10;

  boolean isAnomaly(BigDecimal amount, List<BigDecimal> history) {
    if (history.size() < WINDOW) {
      return false;
    }
    List<BigDecimal> window = history.subList(history.size() - WINDOW, history.size());
    double mean = window.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0);
    double value = amount.doubleValue();
    if (ratio.isPresent()) {
      return mean > 0 && value > ratio.get() * mean;
    }
    double variance =
        window.stream().mapToDouble(b -> Math.pow(b.doubleValue() - mean, 2)).sum() / WINDOW;
    return value > mean + Math.max(sigmas * Math.sqrt(variance), MIN_RISE * mean);
  }
}
