package io.stackwatch.simulator;

import java.util.Locale;

/**
 * The AWS resource a metric series describes, read from its first naming dimension (the DB
 * instance, the queue, the load balancer...), and the environment it belongs to: the one the {@link
 * SimulatedStack} says when it holds the resource, otherwise the one the name starts with ({@link
 * #of}). Everything about the size of the simulated estate hangs off the environment: {@code prod}
 * is full size, {@code staging} about a third, {@code dev} a tenth.
 *
 * @param name the dimension value, e.g. {@code prod-db} or {@code app/prod-alb/50dc6c495c0c9188}
 * @param environment e.g. {@code prod}; empty for account-wide series with no dimensions
 * @param scale traffic relative to prod, 0.1 to 1.0
 * @param deadLetter a queue some redrive policy sends failed messages to
 */
public record Resource(String name, String environment, double scale, boolean deadLetter) {

  private static final long GIB = 1024L * 1024 * 1024;

  /** The series with no dimensions (account-wide metrics) count as one full-size estate. */
  static final Resource ACCOUNT = new Resource("", "", 1.0, false);

  /** A resource that is no dead-letter queue. */
  public Resource(String name, String environment, double scale) {
    this(name, environment, scale, false);
  }

  /**
   * The resource a metric is about, by name alone: its environment the name's prefix, a dead-letter
   * queue if the name ends in {@code -dlq}. {@code Region} and {@code Stage} dimensions are skipped
   * whatever their position, since they qualify a resource rather than name one.
   */
  public static Resource of(MetricId metric) {
    for (MetricDimension d : metric.dimensions()) {
      if (!d.name().equals("Region") && !d.name().equals("Stage")) {
        String environment = environmentOf(d.value());
        // Dead-letter queues follow the <queue>-dlq naming convention.
        return new Resource(
            d.value(), environment, scaleOf(environment), d.value().endsWith("-dlq"));
      }
    }
    return ACCOUNT;
  }

  /**
   * The environment a resource name starts with: {@code prod-db} and {@code
   * app/prod-alb/50dc6c495c0c9188} are both {@code prod}.
   */
  public static String environmentOf(String resourceName) {
    String name = resourceName;
    for (String prefix : new String[] {"app/", "net/", "targetgroup/"}) {
      if (name.startsWith(prefix)) {
        name = name.substring(prefix.length());
        break;
      }
    }
    int dash = name.indexOf('-');
    return (dash < 0 ? name : name.substring(0, dash)).toLowerCase(Locale.ROOT);
  }

  /** Traffic of an environment relative to prod; other names get a stable size from their hash. */
  public static double scaleOf(String environment) {
    return switch (environment) {
      case "prod" -> 1.0;
      case "staging" -> 0.35;
      case "dev" -> 0.1;
      default -> 0.1 + 0.9 * Noise.unit(Noise.hash(environment));
    };
  }

  /** ECS tasks the environment's service runs: prod 4, staging 2, dev 1. */
  public int desiredTasks() {
    return switch (environment) {
      case "prod" -> 4;
      case "staging" -> 2;
      case "dev" -> 1;
      default -> (int) Math.max(1, Math.round(4 * scale));
    };
  }

  /** The RDS instance's allocated storage: 20 GiB dev, 50 GiB staging, 100 GiB otherwise. */
  public long allocatedStorageBytes() {
    return switch (environment) {
      case "dev" -> 20 * GIB;
      case "staging" -> 50 * GIB;
      default -> 100 * GIB;
    };
  }

  /** The RDS instance's memory: 4 GiB dev, 8 GiB staging, 16 GiB otherwise. */
  public long memoryBytes() {
    return switch (environment) {
      case "dev" -> 4 * GIB;
      case "staging" -> 8 * GIB;
      default -> 16 * GIB;
    };
  }

  /**
   * Whether it is a dead-letter queue: one a redrive policy of the stack names, or by the {@code
   * <queue>-dlq} convention for a queue the stack does not hold.
   */
  public boolean isDeadLetterQueue() {
    return deadLetter;
  }
}
