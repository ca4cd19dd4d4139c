package io.stackwatch.cost;

import io.stackwatch.catalog.AwsTarget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Reads costs and forecasts from Cost Explorer or anything that answers like it. */
public interface CostSource {

  /**
   * Daily cost per environment tag and service in {@code [start, end)}, every page followed.
   *
   * @return the lines and the number of requests (pages) it took
   */
  Answer costs(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      CostConfig.CostMetric metric);

  /** Forecast spend of one environment in {@code [start, end)}; one request. */
  BigDecimal forecast(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      String environment,
      CostConfig.CostMetric metric);

  /** Cost lines and the requests they took. */
  record Answer(List<CostLine> lines, int requests) {}

  /** The source failed; the message says why in words an operator can act on. */
  final class Failure extends RuntimeException {
    public Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
