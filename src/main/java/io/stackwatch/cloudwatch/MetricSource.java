package io.stackwatch.cloudwatch;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
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
   * @throws PartialData when it answered only part of the data and offered no more
   */
  List<Points> fetch(AwsTarget target, List<MetricStat> stats, Instant start, Instant end);

  /**
   * The source failed; the message says why in words an operator can act on.
   *
   * <p>{@link #refused()}: the source refused the request as a whole (a validation error, or a
   * server error that outlasted the retries), which one bad query can cause; splitting the request
   * may find it. Throttling, timeouts and unreadable answers are not refusals: splitting would only
   * add calls.
   */
  final class Failure extends RuntimeException {
    private final boolean refused;
    private final boolean serverError;
    private final boolean timedOut;

    public Failure(String message, Throwable cause) {
      this(message, cause, false, false, false);
    }

    public Failure(
        String message, Throwable cause, boolean refused, boolean serverError, boolean timedOut) {
      super(message, cause);
      this.refused = refused;
      this.serverError = serverError;
      this.timedOut = timedOut;
    }

    public boolean refused() {
      return refused;
    }

    /** A refusal with HTTP 5xx: when every part of a request gets it, the service itself fails. */
    public boolean serverError() {
      return serverError;
    }

    /** No answer in the attempt or call timeout: a smaller request may be answered in time. */
    public boolean timedOut() {
      return timedOut;
    }
  }

  /**
   * The source answered part of the data (StatusCode PartialData with no NextToken to fetch the
   * rest): what came is in {@link #points()}, and {@link #incomplete()} says which results lack
   * some.
   */
  final class PartialData extends RuntimeException {
    private final List<Points> points;
    private final List<Boolean> incomplete;

    public PartialData(String message, List<Points> points, List<Boolean> incomplete) {
      super(message);
      this.points = List.copyOf(points);
      this.incomplete = List.copyOf(incomplete);
    }

    public List<Points> points() {
      return points;
    }

    public List<Boolean> incomplete() {
      return incomplete;
    }
  }
}
