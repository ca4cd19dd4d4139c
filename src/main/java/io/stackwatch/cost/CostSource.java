package io.stackwatch.cost;

import io.stackwatch.catalog.AwsTarget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Reads costs and forecasts from Cost Explorer or anything that answers like it. */
public interface CostSource {

  /**
   * Daily cost per environment tag (and per service, if asked) in {@code [start, end)}, every page
   * followed, but never more than {@code maxRequests} pages.
   *
   * @return the lines and the number of requests (pages) it took
   * @throws Failure when the source fails or the answer needs more pages than allowed; the requests
   *     made are in the failure
   */
  Answer costs(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      boolean byService,
      CostConfig.CostMetric metric,
      int maxRequests);

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
    private final int requests;

    public Failure(String message, int requests, Throwable cause) {
      super(message, cause);
      this.requests = requests;
    }

    /** Requests made before it failed, which AWS may bill. */
    public int requests() {
      return requests;
    }
  }
}
