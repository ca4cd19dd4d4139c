package io.stackwatch.aws;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call stackwatch makes, by service, operation and outcome, and what the
 * successful ones cost at list price. Installed on every client as an SDK interceptor, so no call
 * escapes it. A call missing from {@link AwsPermissions} is counted with outcome {@code unlisted}
 * and logged once: the deploy kit's IAM policy would refuse it.
 */
@Singleton
public class ApiCallMeter implements ExecutionInterceptor {

  private static final Logger LOG = Logger.getLogger(ApiCallMeter.class);

  /** Outcome of a call that {@link AwsPermissions} does not list, whatever AWS answered. */
  public static final String UNLISTED = "unlisted";

  // The SDK keeps attribute names in a JVM-wide registry and refuses a name twice; a test run
  // starts stackwatch several times in one JVM, each in a class loader of its own.
  private static final ExecutionAttribute<Integer> METRICS =
      new ExecutionAttribute<>(
          "stackwatch.metricsRequested@"
              + Integer.toHexString(System.identityHashCode(ApiCallMeter.class.getClassLoader())));

  private final Map<CallKey, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<Operation, DoubleAdder> costs = new ConcurrentHashMap<>();
  private final Map<Operation, LongAdder> metrics = new ConcurrentHashMap<>();
  private final Set<Operation> unlisted = ConcurrentHashMap.newKeySet();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(METRICS, AwsPrices.metricsRequested(context.request()));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Operation op = operation(attributes);
    int requested = attributes.getAttribute(METRICS);
    count(op, "success");
    metrics.computeIfAbsent(op, k -> new LongAdder()).add(requested);
    costs
        .computeIfAbsent(op, k -> new DoubleAdder())
        .add(AwsPrices.price(op.service(), op.operation(), requested));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    count(operation(attributes), outcome(context.exception()));
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

  static String outcome(Throwable e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return "timeout";
    }
    if (e instanceof AwsServiceException s) {
      if (s.isThrottlingException()) {
        return "throttled";
      }
      return s.statusCode() >= 500 ? "server_error" : "client_error";
    }
    return "error";
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
