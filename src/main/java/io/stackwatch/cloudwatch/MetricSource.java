package io.stackwatch.cloudwatch;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.store.Points;
import java.time.Instant;
import java.util.List;

/** Reads metric statistics from CloudWatch or anything that answers like it. */
public interface MetricSource {

  /**
   * Fetches the datapoints of each statistic in {@code [start, end)}, following every page, in one
   * request per page.
   *
   * @param target the account and region to ask
   * @param stats at most {@link QueryPlanner#MAX_QUERIES} statistics
   * @return one result per statistic, in the order asked, each ascending in time
   * @throws Failure when the source refused or did not answer, after its retries
   */
  List<Points> fetch(AwsTarget target, List<MetricStat> stats, Instant start, Instant end);

  /** The source failed; the message says why in words an operator can act on. */
  final class Failure extends RuntimeException {
    public Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
