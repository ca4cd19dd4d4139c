package io.stackwatch.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures to inject, per service and operation. A fault stays until {@link #clear()} unless it was
 * limited with {@link Fault#times(int)}. When several faults match a call, the one added first
 * applies.
 *
 * <pre>{@code
 * sim.faults().throttle("monitoring", "GetMetricData").times(2); // next two calls throttled
 * sim.faults().delay("monitoring", null, Duration.ofSeconds(5)); // every CloudWatch call slow
 * }</pre>
 */
public final class Faults {

  /** What a fault does to a matching call. */
  public enum Kind {
    /** HTTP 400 with the service's throttling error ({@code Throttling}, "Rate exceeded"). */
    THROTTLE,
    /** HTTP 500 with the service's internal error. */
    SERVER_ERROR,
    /** Sleeps, then answers normally. */
    DELAY,
    /** HTTP 200 with the normal body cut in half, so it is not well-formed XML. */
    MALFORMED,
    /** HTTP 200 with a body of another kind altogether: a proxy's HTML error page. */
    GARBAGE,
    /** HTTP 200 with a well-formed answer that holds nothing: no results, no ids, no totals. */
    EMPTY,
    /**
     * GetMetricData only: half the datapoints, every result with StatusCode {@code PartialData}, a
     * message saying why, and no NextToken to fetch the rest. Other operations answer normally.
     */
    PARTIAL_DATA,
    /** HTTP 400 with the service's validation error: the request is refused as a whole. */
    REJECT,
    /** HTTP 403 {@code AccessDenied}, as STS refuses a role its caller may not assume. */
    ACCESS_DENIED,
    /**
     * HTTP 500 with no body at all: no error code, no message, as a load balancer or proxy in
     * between may answer.
     */
    BARE_SERVER_ERROR,
    /** HTTP 502 with a proxy's HTML error page instead of the service's error. */
    PROXY_ERROR
  }

  /** One injected fault; {@link #times(int)} limits how many calls it hits. */
  public static final class Fault {
    private final String service;
    private final String operation;
    private final Kind kind;
    private final Duration delay;
    private volatile String bodyContains;
    // Calls left to hit; negative means until cleared.
    private final AtomicInteger remaining = new AtomicInteger(-1);

    private Fault(String service, String operation, Kind kind, Duration delay) {
      this.service = Objects.requireNonNull(service, "service");
      this.operation = operation;
      this.kind = kind;
      this.delay = delay;
    }

    /** Hits only the next {@code calls} matching calls, then clears itself. */
    public Fault times(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("times must be at least 1, got " + calls);
      }
      remaining.set(calls);
      return this;
    }

    /**
     * Hits only requests whose body contains {@code text}, such as a metric name ({@code
     * =CPUUtilization}) or a role ARN: a fault of one query or one environment.
     */
    public Fault whenBodyContains(String text) {
      this.bodyContains = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Calls this fault will still hit, or -1 if it has no limit. */
    public int remaining() {
      return remaining.get();
    }

    public Kind kind() {
      return kind;
    }

    /** How long a {@link Kind#DELAY} fault sleeps; zero for other kinds. */
    public Duration delay() {
      return delay;
    }

    boolean matches(String service, String operation, String body) {
      return this.service.equals(service)
          && (this.operation == null || this.operation.equals(operation))
          && (bodyContains == null || (body != null && body.contains(bodyContains)));
    }

    /** Uses up one hit; false if the fault is spent. */
    boolean consume() {
      while (true) {
        int left = remaining.get();
        if (left < 0) {
          return true;
        }
        if (left == 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          return true;
        }
      }
    }
  }

  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  /** Answers matching calls with HTTP 400 {@code Throttling} "Rate exceeded". */
  public Fault throttle(String service, String operation) {
    return add(new Fault(service, operation, Kind.THROTTLE, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 500. */
  public Fault serverError(String service, String operation) {
    return add(new Fault(service, operation, Kind.SERVER_ERROR, Duration.ZERO));
  }

  /** Answers matching calls normally, but only after {@code delay}. */
  public Fault delay(String service, String operation, Duration delay) {
    return add(new Fault(service, operation, Kind.DELAY, delay));
  }

  /** Answers matching calls with HTTP 200 and a truncated XML body. */
  public Fault malformed(String service, String operation) {
    return add(new Fault(service, operation, Kind.MALFORMED, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 200 and a body that is not the protocol's at all. */
  public Fault garbage(String service, String operation) {
    return add(new Fault(service, operation, Kind.GARBAGE, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 200 and a well-formed, empty answer. */
  public Fault empty(String service, String operation) {
    return add(new Fault(service, operation, Kind.EMPTY, Duration.ZERO));
  }

  /** Answers GetMetricData with half its datapoints marked PartialData and no NextToken. */
  public Fault partialData(String service, String operation) {
    return add(new Fault(service, operation, Kind.PARTIAL_DATA, Duration.ZERO));
  }

  /** Answers matching calls with the service's HTTP 400 validation error. */
  public Fault reject(String service, String operation) {
    return add(new Fault(service, operation, Kind.REJECT, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 500 and an empty body: no error code, no message. */
  public Fault bareServerError(String service, String operation) {
    return add(new Fault(service, operation, Kind.BARE_SERVER_ERROR, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 502 and a proxy's HTML page. */
  public Fault proxyError(String service, String operation) {
    return add(new Fault(service, operation, Kind.PROXY_ERROR, Duration.ZERO));
  }

  /** Answers matching calls with HTTP 403 AccessDenied. */
  public Fault accessDenied(String service, String operation) {
    return add(new Fault(service, operation, Kind.ACCESS_DENIED, Duration.ZERO));
  }

  /**
   * Any fault, by kind; a {@link Kind#DELAY} sleeps {@code delay}. For tests that run every kind.
   */
  public Fault add(String service, String operation, Kind kind, Duration delay) {
    return add(new Fault(service, operation, kind, kind == Kind.DELAY ? delay : Duration.ZERO));
  }

  /** Removes every fault; calls are answered normally again. */
  public void clear() {
    faults.clear();
  }

  /** Faults still in force. */
  public List<Fault> active() {
    return faults.stream().filter(f -> f.remaining() != 0).toList();
  }

  /** The fault that applies to this call, using up one of its hits; null if none. */
  Fault take(String service, String operation, String body) {
    for (Fault fault : faults) {
      if (fault.matches(service, operation, body) && fault.consume()) {
        if (fault.remaining() == 0) {
          faults.remove(fault);
        }
        return fault;
      }
    }
    return null;
  }

  private Fault add(Fault fault) {
    faults.add(fault);
    return fault;
  }
}
