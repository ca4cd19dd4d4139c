package io.stackwatch.aws;

import static software.amazon.awssdk.metrics.MetricCategory.CUSTOM;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricCollector;
import software.amazon.awssdk.metrics.MetricLevel;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * Counts every HTTP request stackwatch sends to AWS, retries included, as AWS bills them: by
 * service, operation and the outcome of that attempt, and what each costs at list price (a
 * GetMetricData retried twice is three requests, each billed for its metrics). Installed on every
 * client as an SDK interceptor, which marks each attempt as it is sent ({@code
 * beforeTransmission}), and as its metric publisher, which the SDK hands every attempt of a call
 * with the SDK's own reading of it (throttling, server error, timeout, I/O) when the call ends, on
 * the caller's thread. A call missing from {@link AwsPermissions} is counted with outcome {@code
 * unlisted} and logged once: the deploy kit's IAM policy would refuse it.
 */
@Singleton
public class ApiCallMeter implements ExecutionInterceptor, MetricPublisher {

  private static final Logger LOG = Logger.getLogger(ApiCallMeter.class);

  /** How the failure of an attempt refused past its {@link Attempts} begins. */
  static final String NOT_SENT = "not sent: ";

  /** Outcome of a call that {@link AwsPermissions} does not list, whatever AWS answered. */
  public static final String UNLISTED = "unlisted";

  // The SDK keeps attribute and metric names in JVM-wide registries and refuses a name twice; a
  // test run starts stackwatch several times in one JVM, each in a class loader of its own.
  private static final String LOADER =
      "@" + Integer.toHexString(System.identityHashCode(ApiCallMeter.class.getClassLoader()));

  private static final ExecutionAttribute<Integer> METRICS =
      new ExecutionAttribute<>("stackwatch.metricsRequested" + LOADER);

  /**
   * Set on a request ({@code overrideConfiguration(o -> o.putExecutionAttribute(ATTEMPTS, a))}) to
   * learn how many HTTP requests it took, and to allow it no more than {@link Attempts}'s limit.
   */
  public static final ExecutionAttribute<Attempts> ATTEMPTS =
      new ExecutionAttribute<>("stackwatch.attempts" + LOADER);

  private static final SdkMetric<String> SERVICE =
      SdkMetric.create("StackwatchService" + LOADER, String.class, MetricLevel.ERROR, CUSTOM);
  private static final SdkMetric<String> OPERATION =
      SdkMetric.create("StackwatchOperation" + LOADER, String.class, MetricLevel.ERROR, CUSTOM);
  private static final SdkMetric<Integer> REQUESTED =
      SdkMetric.create(
          "StackwatchMetricsRequested" + LOADER, Integer.class, MetricLevel.ERROR, CUSTOM);
  private static final SdkMetric<Boolean> SENT =
      SdkMetric.create("StackwatchSent" + LOADER, Boolean.class, MetricLevel.ERROR, CUSTOM);

  private final Map<CallKey, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<Operation, DoubleAdder> costs = new ConcurrentHashMap<>();
  private final Map<Operation, LongAdder> metrics = new ConcurrentHashMap<>();
  private final Set<Operation> unlisted = ConcurrentHashMap.newKeySet();

  /** Adds the meter to a client's configuration: the interceptor and the metric publisher. */
  public ClientOverrideConfiguration.Builder install(ClientOverrideConfiguration.Builder client) {
    return client.addExecutionInterceptor(this).addMetricPublisher(this);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    int requested = AwsPrices.metricsRequested(context.request());
    attributes.putAttribute(METRICS, requested);
    MetricCollector call = attributes.getAttribute(SdkExecutionAttribute.API_CALL_METRIC_COLLECTOR);
    if (call != null) {
      Operation op = operation(attributes);
      call.reportMetric(SERVICE, op.service());
      call.reportMetric(OPERATION, op.operation());
      call.reportMetric(REQUESTED, requested);
    }
  }

  /** One HTTP attempt is about to be sent: refused past its limit, else marked as sent. */
  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Attempts allowed = attributes.getAttribute(ATTEMPTS);
    if (allowed != null && !allowed.take()) {
      throw SdkClientException.builder()
          .message(
              NOT_SENT
                  + allowed.why()
                  + " is reached ("
                  + (allowed.limit() == 1 ? "1 request" : allowed.limit() + " requests")
                  + ")")
          .build();
    }
    MetricCollector attempt =
        attributes.getAttribute(SdkExecutionAttribute.API_CALL_ATTEMPT_METRIC_COLLECTOR);
    if (attempt != null) {
      attempt.reportMetric(SENT, true);
    }
  }

  /** Every attempt of a finished call, as the SDK read it: counted and priced one by one. */
  @Override
  public void publish(MetricCollection call) {
    List<String> service = call.metricValues(SERVICE);
    List<String> operation = call.metricValues(OPERATION);
    if (service.isEmpty() || operation.isEmpty()) {
      return; // a client this meter did not intercept
    }
    Operation op = new Operation(service.get(0), operation.get(0));
    int requested = call.metricValues(REQUESTED).stream().findFirst().orElse(0);
    boolean succeeded = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).contains(true);
    List<MetricCollection> attempts =
        call.childrenWithName("ApiCallAttempt")
            .filter(a -> !a.metricValues(SENT).isEmpty())
            .toList();
    for (int i = 0; i < attempts.size(); i++) {
      count(op, attemptOutcome(attempts.get(i), i == attempts.size() - 1 && !succeeded));
      metrics.computeIfAbsent(op, k -> new LongAdder()).add(requested);
      costs
          .computeIfAbsent(op, k -> new DoubleAdder())
          .add(AwsPrices.price(op.service(), op.operation(), requested));
    }
  }

  @Override
  public void close() {}

  /**
   * One attempt's outcome, from the SDK's error type and the HTTP status.
   *
   * @param failedLast the call's last attempt, when the call failed: an answer the SDK could not
   *     read is an error even if its status was 200
   */
  private static String attemptOutcome(MetricCollection attempt, boolean failedLast) {
    String type = attempt.metricValues(CoreMetric.ERROR_TYPE).stream().findFirst().orElse("");
    int status = attempt.metricValues(HttpMetric.HTTP_STATUS_CODE).stream().findFirst().orElse(0);
    // The SDK reads any other error answer as ServerError, whatever its status: the status tells.
    return switch (type) {
      case "Throttling" -> "throttled";
      case "ConfiguredTimeout" -> "timeout";
      case "" -> failedLast ? "error" : "success";
      default -> status >= 500 ? "server_error" : status >= 400 ? "client_error" : "error";
    };
  }

  private void count(Operation op, String outcome) {
    boolean listed = AwsPermissions.isListed(op.service(), op.operation());
    if (!listed && unlisted.add(op)) {
      LOG.warnf(
          "AWS call %s is not listed in io.stackwatch.aws.AwsPermissions: the IAM policy of"
              + " deploy/terraform does not allow it; list it there and in the policy",
          op);
    }
    calls
        .computeIfAbsent(new CallKey(op, listed ? outcome : UNLISTED), k -> new LongAdder())
        .increment();
  }

  private static Operation operation(ExecutionAttributes attributes) {
    return new Operation(
        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /**
   * The HTTP requests one call may send and did send, for a caller that answers for them, such as
   * the Cost Explorer cap: set on the request as {@link #ATTEMPTS}.
   */
  public static final class Attempts {
    private final int limit;
    private final String why;
    private final java.util.concurrent.atomic.AtomicInteger sent =
        new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param limit how many requests may be sent, retries included
     * @param why what sets the limit, for the message when it is reached: {@code the daily cap
     *     stackwatch.cost.max-requests-per-day}
     */
    public Attempts(int limit, String why) {
      this.limit = limit;
      this.why = why;
    }

    boolean take() {
      while (true) {
        int n = sent.get();
        if (n >= limit) {
          return false;
        }
        if (sent.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    /** Requests sent so far. */
    public int sent() {
      return sent.get();
    }

    int limit() {
      return limit;
    }

    String why() {
      return why;
    }
  }

  /** Calls counted so far, one row per service, operation and outcome. */
  public List<CallCount> calls() {
    return calls.entrySet().stream()
        .map(e -> new CallCount(e.getKey(), e.getValue().sum()))
        .sorted(
            java.util.Comparator.comparing((CallCount c) -> c.key().operation().toString())
                .thenComparing(c -> c.key().outcome()))
        .toList();
  }

  /** Spend so far per operation, in US dollars. */
  public Map<Operation, Double> costs() {
    Map<Operation, Double> out = new java.util.TreeMap<>();
    costs.forEach((op, sum) -> out.put(op, sum.sum()));
    return out;
  }

  /** Metrics requested so far per operation (GetMetricData's billing unit). */
  public long metricsRequested(Operation op) {
    LongAdder a = metrics.get(op);
    return a == null ? 0 : a.sum();
  }

  /** Successful calls of one operation so far. */
  public long successes(Operation op) {
    LongAdder a = calls.get(new CallKey(op, "success"));
    return a == null ? 0 : a.sum();
  }

  /** Operations called so far that {@link AwsPermissions} does not list. */
  public Set<Operation> unlisted() {
    return Set.copyOf(unlisted);
  }

  /** Total spend so far in US dollars. */
  public double totalCostUsd() {
    return costs.values().stream().mapToDouble(DoubleAdder::sum).sum();
  }

  /** An AWS operation. */
  public record Operation(String service, String operation) implements Comparable<Operation> {
    @Override
    public int compareTo(Operation o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return service + ":" + operation;
    }
  }

  /** A counted kind of call. */
  public record CallKey(Operation operation, String outcome) {}

  /** How many calls of one kind were made. */
  public record CallCount(CallKey key, long count) {}
}
