package io.stackwatch.cost;

import io.stackwatch.catalog.AwsTarget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Reads costs and forecasts from Cost Explorer or anything that answers like it. */
public interface CostSource {

  /**
   * Daily cost per environment tag (and per service, if asked) in {@code [start, end)}, every page
   * followed, but never more than {@code maxRequests} HTTP requests, retries included.
   *
   * @return the lines and the number of HTTP requests it took (pages and their retries)
   * @throws Failure when the source fails or the answer needs more pages than allowed; the requests
   *     made are in the failure
   */
  Answer costs(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      CostConfig.CostMetric metric,
      int maxRequests);

  /**
   * Forecast spend of one environment in {@code [start, end)}: one call, retried within {@code
   * maxRequests} HTTP requests.
   *
   * @throws Failure when the source fails; the requests made are in the failure
   */
  Forecasted forecast(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      String environment,
      CostConfig.CostMetric metric,
      int maxRequests);

  /** Cost lines and the HTTP requests they took, retries included. */
  record Answer(List<CostLine> lines, int requests) {}

  /** A forecast and the HTTP requests it took, retries included. */
  record Forecasted(BigDecimal amount, int requests) {}

  /** The source failed; the message says why in words an operator can act on. */
  final class Failure extends RuntimeException {
    private final int requests;

    public Failure(String message, int requests, Throwable cause) {
      super(message, cause);
      this.requests = requests;
    }

    /** HTTP requests made before it failed, retries included, which AWS may bill. */
    public int requests() {
      return requests;
    }
  }
}
