package io.stackwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every request the simulator answered, faulted ones included. Counts are exact for the life of the
 * log; the list of individual calls keeps only the most recent {@value #KEPT} so a simulator left
 * running in demo mode does not grow without bound. Operations are counted apart up to {@value
 * #OPERATIONS}; a client naming more (any Action is accepted on the wire) has the rest counted
 * under {@value #OTHER}.
 */
public final class CallLog {

  static final int KEPT = 10_000;
  static final int OPERATIONS = 1_000;
  static final String OTHER = "(other)";

  /**
   * One answered request.
   *
   * @param at the simulator clock's time when the request arrived
   * @param service SigV4 service name, e.g. {@code monitoring}
   * @param operation e.g. {@code GetMetricData}; empty if the request named none
   * @param status HTTP status sent
   * @param queries MetricDataQueries in a GetMetricData request (what AWS bills), 0 otherwise
   * @param errorCode AWS error code sent, or null for a successful answer
   * @param answerTime how long the answer was held on purpose after it was logged (a slow
   *     endpoint's answer time); zero for most calls
   */
  public record Call(
      Instant at,
      String service,
      String operation,
      int status,
      int queries,
      String errorCode,
      Duration answerTime) {

    /** A call answered at once. */
    public Call(
        Instant at, String service, String operation, int status, int queries, String errorCode) {
      this(at, service, operation, status, queries, errorCode, Duration.ZERO);
    }
  }

  private record Key(String service, String operation) {}

  private static final class Totals {
    long calls;
    long queries;
  }

  private final ArrayDeque<Call> recent = new ArrayDeque<>();
  private final Map<Key, Totals> totals = new HashMap<>();

  synchronized void record(Call call) {
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(call);
    Key key = new Key(call.service(), call.operation());
    if (!totals.containsKey(key) && totals.size() >= OPERATIONS) {
      key = new Key(call.service(), OTHER);
    }
    Totals t = totals.computeIfAbsent(key, k -> new Totals());
    t.calls++;
    t.queries += call.queries();
  }

  /** The recorded calls, oldest first (at most the last {@value #KEPT}). */
  public synchronized List<Call> all() {
    return List.copyOf(recent);
  }

  /** How many calls of this operation were answered, whatever their outcome. */
  public synchronized long count(String service, String operation) {
    Totals t = totals.get(new Key(service, operation));
    return t == null ? 0 : t.calls;
  }

  /** The MetricDataQueries requested across all calls of this operation, faulted ones included. */
  public synchronized long queriesRequested(String service, String operation) {
    Totals t = totals.get(new Key(service, operation));
    return t == null ? 0 : t.queries;
  }

  public synchronized void clear() {
    recent.clear();
    totals.clear();
  }
}
