package io.stackwatch.simulator;

import io.stackwatch.simulator.MetricSpec.Level;
import io.stackwatch.simulator.MetricSpec.Shape;
import io.stackwatch.simulator.MetricSpec.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics the simulator knows and how each behaves: a healthy web stack, busiest at 14:00 UTC
 * and quietest at 03:00. Levels are for prod; {@code traffic(...)} levels shrink with the
 * environment's {@link Resource#scale()}, {@code between(...)} levels (utilization, latency) do
 * not.
 */
final class MetricCatalog {

  private static final List<String> DB = List.of("DBInstanceIdentifier");
  private static final List<String> CACHE = List.of("CacheClusterId");
  private static final List<String> ECS_SERVICE = List.of("ClusterName", "ServiceName");
  private static final List<String> FUNCTION = List.of("FunctionName");
  private static final List<String> ACCOUNT = List.of();
  private static final List<String> API = List.of("ApiId", "Stage");
  private static final List<String> ALB = List.of("LoadBalancer");
  private static final List<String> TARGET_GROUP = List.of("TargetGroup", "LoadBalancer");
  private static final List<String> DISTRIBUTION = List.of("DistributionId", "Region");
  private static final List<String> QUEUE = List.of("QueueName");
  private static final List<String> NAT = List.of("NatGatewayId");

  private static final List<MetricSpec> SPECS =
      List.of(
          percent("AWS/RDS", "CPUUtilization", DB, between(17, 36)),
          whole("AWS/RDS", "DatabaseConnections", DB, traffic(20, 60)),
          exact("AWS/RDS", "FreeStorageSpace", DB, MetricCatalog::freeStorage),
          gauge("AWS/RDS", "ReadLatency", DB, between(0.0012, 0.0035)),
          gauge("AWS/RDS", "WriteLatency", DB, between(0.0018, 0.0047)),
          whole("AWS/RDS", "FreeableMemory", DB, MetricCatalog::freeableMemory),
          gauge("AWS/RDS", "ReadIOPS", DB, traffic(50, 400)),
          gauge("AWS/RDS", "WriteIOPS", DB, traffic(30, 200)),
          // Host CPU of a burstable node: the engine's share plus the OS and network work.
          percent("AWS/ElastiCache", "CPUUtilization", CACHE, between(11, 26)),
          percent("AWS/ElastiCache", "EngineCPUUtilization", CACHE, between(2, 9)),
          count("AWS/ElastiCache", "CacheHits", CACHE, traffic(3000, 12000)),
          // about 6 misses per 100 hits: a 94 % hit ratio
          count("AWS/ElastiCache", "CacheMisses", CACHE, traffic(180, 720)),
          count("AWS/ElastiCache", "Evictions", CACHE, none()),
          percent("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", CACHE, between(35, 50)),
          whole("AWS/ElastiCache", "CurrConnections", CACHE, traffic(40, 120)),
          percent("AWS/ECS", "CPUUtilization", ECS_SERVICE, between(20, 55)),
          percent("AWS/ECS", "MemoryUtilization", ECS_SERVICE, between(40, 60)),
          exact("ECS/ContainerInsights", "RunningTaskCount", ECS_SERVICE, tasks()),
          exact("ECS/ContainerInsights", "DesiredTaskCount", ECS_SERVICE, tasks()),
          count("AWS/Lambda", "Invocations", FUNCTION, traffic(200, 1500)),
          count("AWS/Lambda", "Errors", FUNCTION, trickle(0.03)),
          count("AWS/Lambda", "Throttles", FUNCTION, none()),
          latency("AWS/Lambda", "Duration", FUNCTION, between(80, 160), traffic(200, 1500)),
          whole("AWS/Lambda", "ConcurrentExecutions", FUNCTION, traffic(3, 25)),
          whole("AWS/Lambda", "ConcurrentExecutions", ACCOUNT, between(5, 40)),
          count("AWS/ApiGateway", "Count", API, traffic(600, 3000)),
          count("AWS/ApiGateway", "4xx", API, traffic(6, 40)),
          count("AWS/ApiGateway", "5xx", API, trickle(0.05)),
          latency("AWS/ApiGateway", "Latency", API, between(45, 90), traffic(600, 3000)),
          latency("AWS/ApiGateway", "IntegrationLatency", API, between(35, 75), traffic(600, 3000)),
          count("AWS/ApplicationELB", "RequestCount", ALB, traffic(800, 4000)),
          count("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ALB, trickle(0.01)),
          count("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ALB, trickle(0.05)),
          latency(
              "AWS/ApplicationELB",
              "TargetResponseTime",
              ALB,
              between(0.04, 0.09),
              traffic(800, 4000)),
          exact("AWS/ApplicationELB", "UnHealthyHostCount", TARGET_GROUP, none()),
          exact("AWS/ApplicationELB", "HealthyHostCount", TARGET_GROUP, tasks()),
          count("AWS/CloudFront", "Requests", DISTRIBUTION, traffic(1500, 8000)),
          percent("AWS/CloudFront", "5xxErrorRate", DISTRIBUTION, between(0.01, 0.05)),
          percent("AWS/CloudFront", "4xxErrorRate", DISTRIBUTION, between(0.8, 2.0)),
          percent("AWS/CloudFront", "CacheHitRate", DISTRIBUTION, between(88, 94)),
          count("AWS/CloudFront", "BytesDownloaded", DISTRIBUTION, traffic(60e6, 320e6)),
          whole("AWS/SQS", "ApproximateNumberOfMessagesVisible", QUEUE, queue(traffic(2, 25))),
          whole("AWS/SQS", "ApproximateAgeOfOldestMessage", QUEUE, queue(between(1, 20))),
          count("AWS/SQS", "NumberOfMessagesSent", QUEUE, queue(traffic(100, 600))),
          count("AWS/SQS", "NumberOfMessagesDeleted", QUEUE, queue(traffic(100, 600))),
          count("AWS/NATGateway", "ErrorPortAllocation", NAT, none()),
          count("AWS/NATGateway", "BytesOutToDestination", NAT, traffic(20e6, 120e6)),
          whole("AWS/NATGateway", "ActiveConnectionCount", NAT, traffic(150, 900)),
          count("AWS/NATGateway", "PacketsDropCount", NAT, none()));

  private static final Map<String, MetricSpec> BY_KEY = index();
  private static final Map<List<String>, List<MetricSpec>> BY_DIMENSIONS =
      SPECS.stream().collect(Collectors.groupingBy(MetricSpec::dimensionNames));

  private MetricCatalog() {}

  /** The spec for a metric, or null if the simulator does not know it. */
  static MetricSpec find(MetricId metric) {
    return BY_KEY.get(key(metric.namespace(), metric.metricName(), dimensionNames(metric)));
  }

  static List<MetricSpec> all() {
    return SPECS;
  }

  /**
   * The metrics a resource named by these dimensions publishes, in the catalog's order: those whose
   * dimensions are exactly these, in this order.
   */
  static List<MetricSpec> publishedWith(List<String> dimensionNames) {
    return BY_DIMENSIONS.getOrDefault(dimensionNames, List.of());
  }

  // --- how the day goes ---

  /** 0 at 03:00 UTC rising to 1 at 14:00, falling back over the remaining 13 hours. */
  static double daily(long epochSecond) {
    double hour = Math.floorMod(epochSecond, 86_400L) / 3600.0;
    if (hour >= 3 && hour < 14) {
      return 0.5 - 0.5 * Math.cos(Math.PI * (hour - 3) / 11);
    }
    double sincePeak = (hour - 14 + 24) % 24;
    return 0.5 + 0.5 * Math.cos(Math.PI * sincePeak / 13);
  }

  /** A level following the daily cycle, the same in every environment. */
  private static Level between(double quietest, double busiest) {
    return (r, t) -> quietest + (busiest - quietest) * daily(t);
  }

  /** A level following the daily cycle and the environment's size. */
  private static Level traffic(double quietest, double busiest) {
    Level prod = between(quietest, busiest);
    return (r, t) -> prod.at(r, t) * r.scale();
  }

  /** Rare events: on average {@code perMinute} a minute, so most datapoints are 0. */
  private static Level trickle(double perMinute) {
    return (r, t) -> perMinute;
  }

  private static Level none() {
    return (r, t) -> 0;
  }

  private static Level tasks() {
    return (r, t) -> r.desiredTasks();
  }

  /** Dead-letter queues stay empty and idle while nothing fails. */
  private static Level queue(Level normal) {
    return (r, t) -> r.isDeadLetterQueue() ? 0 : normal.at(r, t);
  }

  /**
   * 69 % free falling steadily to 41 % over four months, then back (as if someone cleaned up), each
   * instance at its own point of that cycle.
   */
  private static double freeStorage(Resource r, long t) {
    long cycle = 120L * 86_400;
    long offset = Math.floorMod(Noise.hash(r.name()), cycle);
    double progress = Math.floorMod(t + offset, cycle) / (double) cycle;
    return Math.round(r.allocatedStorageBytes() * (0.69 - 0.28 * progress));
  }

  /** Between 48 % (busiest) and 60 % (quietest) of the instance's memory. */
  private static double freeableMemory(Resource r, long t) {
    return r.memoryBytes() * (0.60 - 0.12 * daily(t));
  }

  // --- table rows ---

  private static MetricSpec percent(String ns, String name, List<String> dims, Level level) {
    return new MetricSpec(ns, name, dims, Shape.GAUGE, Values.PERCENT, level, 0.05, null);
  }

  private static MetricSpec gauge(String ns, String name, List<String> dims, Level level) {
    return new MetricSpec(ns, name, dims, Shape.GAUGE, Values.DECIMAL, level, 0.05, null);
  }

  private static MetricSpec whole(String ns, String name, List<String> dims, Level level) {
    return new MetricSpec(ns, name, dims, Shape.GAUGE, Values.INTEGER, level, 0.05, null);
  }

  /** Whole numbers that do not wobble: task counts, storage. */
  private static MetricSpec exact(String ns, String name, List<String> dims, Level level) {
    return new MetricSpec(ns, name, dims, Shape.GAUGE, Values.INTEGER, level, 0, null);
  }

  private static MetricSpec count(String ns, String name, List<String> dims, Level level) {
    return new MetricSpec(ns, name, dims, Shape.COUNT, Values.INTEGER, level, 0.08, null);
  }

  private static MetricSpec latency(
      String ns, String name, List<String> dims, Level level, Level requests) {
    return new MetricSpec(ns, name, dims, Shape.LATENCY, Values.DECIMAL, level, 0.08, requests);
  }

  // --- lookup ---

  private static Map<String, MetricSpec> index() {
    Map<String, MetricSpec> index = new HashMap<>();
    for (MetricSpec spec : SPECS) {
      List<String> names = spec.dimensionNames().stream().sorted().toList();
      index.put(key(spec.namespace(), spec.metricName(), names), spec);
    }
    return index;
  }

  private static List<String> dimensionNames(MetricId metric) {
    return metric.sortedDimensions().stream().map(MetricDimension::name).toList();
  }

  private static String key(String namespace, String metricName, List<String> sortedDimensions) {
    return namespace + '\n' + metricName + '\n' + String.join(",", sortedDimensions);
  }
}
