package io.stackwatch.series;

import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Resources;
import io.stackwatch.series.MetricStat.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CloudWatch series of the seed stack, per environment: the key metrics and recommended alarms
 * of the stack's documentation and what an operator of it also watches. Series an alarm reads are
 * fetched every poll ({@code fast}); series only a panel shows are fetched less often ({@code
 * slow}).
 */
public final class StackSeries {

  private static final int PERIOD = 60;

  /** Namespace of the cost series stackwatch records itself (see {@link SeriesPlan#recorded()}). */
  public static final String RECORDED = "stackwatch/Cost";

  /** Namespace of the maintenance series stackwatch records itself. */
  public static final String MAINTENANCE = "stackwatch/Maintenance";

  private final Duration fast;
  private final Duration slow;

  public StackSeries(Duration fast, Duration slow) {
    this.fast = fast;
    this.slow = slow;
  }

  /** Every fetched and derived series of one environment. */
  public SeriesPlan of(Environment env) {
    Resources r = env.resources();
    Builder b = new Builder(env.name());

    b.dims("AWS/RDS", "DBInstanceIdentifier", r.rdsInstance());
    b.fast("rds.cpu", "Database CPU", "CPUUtilization", "Average", Unit.PERCENT);
    b.fast("rds.connections", "DB connections", "DatabaseConnections", "Average", Unit.COUNT);
    b.fast("rds.free_storage", "DB free storage", "FreeStorageSpace", "Minimum", Unit.BYTES);
    b.fast("rds.read_latency", "DB read latency", "ReadLatency", "Average", Unit.SECONDS);
    b.fast("rds.write_latency", "DB write latency", "WriteLatency", "Average", Unit.SECONDS);
    b.slow("rds.freeable_memory", "DB freeable memory", "FreeableMemory", "Average", Unit.BYTES);
    b.slow("rds.read_iops", "DB read IOPS", "ReadIOPS", "Average", Unit.COUNT);
    b.slow("rds.write_iops", "DB write IOPS", "WriteIOPS", "Average", Unit.COUNT);

    for (String node : r.cacheNodes()) {
      b.dims("AWS/ElastiCache", "CacheClusterId", node);
      String p = "cache." + node + ".";
      b.fast(p + "hits", "Cache hits " + node, "CacheHits", "Sum", Unit.COUNT);
      b.fast(p + "misses", "Cache misses " + node, "CacheMisses", "Sum", Unit.COUNT);
      b.fast(p + "evictions", "Cache evictions " + node, "Evictions", "Sum", Unit.COUNT);
      b.fast(
          p + "memory",
          "Cache memory " + node,
          "DatabaseMemoryUsagePercentage",
          "Average",
          Unit.PERCENT);
      b.slow(
          p + "engine_cpu",
          "Cache engine CPU " + node,
          "EngineCPUUtilization",
          "Average",
          Unit.PERCENT);
      b.slow(
          p + "connections", "Cache connections " + node, "CurrConnections", "Average", Unit.COUNT);
    }

    b.dims("AWS/ECS", "ClusterName", r.ecsCluster(), "ServiceName", r.ecsService());
    b.slow("ecs.cpu", "ECS CPU", "CPUUtilization", "Average", Unit.PERCENT);
    b.slow("ecs.memory", "ECS memory", "MemoryUtilization", "Average", Unit.PERCENT);
    b.dims("ECS/ContainerInsights", "ClusterName", r.ecsCluster(), "ServiceName", r.ecsService());
    b.fast("ecs.running", "ECS running tasks", "RunningTaskCount", "Average", Unit.COUNT);
    b.fast("ecs.desired", "ECS desired tasks", "DesiredTaskCount", "Average", Unit.COUNT);

    for (String fn : r.lambdaFunctions()) {
      b.dims("AWS/Lambda", "FunctionName", fn);
      String p = "lambda." + fn + ".";
      b.fast(p + "errors", "Lambda errors " + fn, "Errors", "Sum", Unit.COUNT);
      b.fast(p + "throttles", "Lambda throttles " + fn, "Throttles", "Sum", Unit.COUNT);
      b.slow(p + "invocations", "Lambda invocations " + fn, "Invocations", "Sum", Unit.COUNT);
      b.slow(p + "duration", "Lambda duration " + fn, "Duration", "Average", Unit.MILLISECONDS);
      b.slow(
          p + "concurrency",
          "Lambda concurrency " + fn,
          "ConcurrentExecutions",
          "Maximum",
          Unit.COUNT);
    }
    b.dims("AWS/Lambda");
    b.fast(
        "lambda.account_concurrency",
        "Lambda concurrent executions (account)",
        "ConcurrentExecutions",
        "Maximum",
        Unit.COUNT);

    b.dims("AWS/ApiGateway", "ApiId", r.httpApiId(), "Stage", r.httpApiStage());
    b.fast("api.requests", "API requests", "Count", "Sum", Unit.COUNT);
    b.fast("api.5xx", "API 5xx", "5xx", "Sum", Unit.COUNT);
    b.fast("api.latency_p99", "API p99 latency", "Latency", "p99", Unit.MILLISECONDS);
    b.slow("api.4xx", "API 4xx", "4xx", "Sum", Unit.COUNT);
    b.slow("api.latency_avg", "API average latency", "Latency", "Average", Unit.MILLISECONDS);
    b.slow(
        "api.integration_latency_p99",
        "API p99 integration latency",
        "IntegrationLatency",
        "p99",
        Unit.MILLISECONDS);

    b.dims("AWS/ApplicationELB", "LoadBalancer", r.loadBalancer());
    b.fast("alb.requests", "ALB requests", "RequestCount", "Sum", Unit.COUNT);
    b.fast("alb.elb_5xx", "ALB 5xx", "HTTPCode_ELB_5XX_Count", "Sum", Unit.COUNT);
    b.fast("alb.target_5xx", "ALB target 5xx", "HTTPCode_Target_5XX_Count", "Sum", Unit.COUNT);
    b.slow(
        "alb.response_time_p99",
        "ALB p99 response time",
        "TargetResponseTime",
        "p99",
        Unit.SECONDS);
    b.dims("AWS/ApplicationELB", "TargetGroup", r.targetGroup(), "LoadBalancer", r.loadBalancer());
    b.fast(
        "alb.unhealthy_hosts", "ALB unhealthy hosts", "UnHealthyHostCount", "Maximum", Unit.COUNT);
    b.slow("alb.healthy_hosts", "ALB healthy hosts", "HealthyHostCount", "Minimum", Unit.COUNT);

    r.cloudfrontDistribution()
        .ifPresent(
            d -> {
              b.dims("AWS/CloudFront", "DistributionId", d, "Region", "Global");
              b.fast(
                  "cdn.5xx_rate", "CloudFront 5xx rate", "5xxErrorRate", "Average", Unit.PERCENT);
              b.slow("cdn.requests", "CloudFront requests", "Requests", "Sum", Unit.COUNT);
              b.slow(
                  "cdn.4xx_rate", "CloudFront 4xx rate", "4xxErrorRate", "Average", Unit.PERCENT);
              b.slow(
                  "cdn.cache_hit_rate",
                  "CloudFront cache hit rate",
                  "CacheHitRate",
                  "Average",
                  Unit.PERCENT);
              b.slow(
                  "cdn.bytes", "CloudFront bytes downloaded", "BytesDownloaded", "Sum", Unit.BYTES);
            });

    for (Resources.Queue q : r.queues()) {
      b.dims("AWS/SQS", "QueueName", q.name());
      String p = "sqs." + q.name() + ".";
      b.fast(
          p + "oldest_age",
          "Oldest message " + q.name(),
          "ApproximateAgeOfOldestMessage",
          "Maximum",
          Unit.SECONDS);
      b.slow(
          p + "visible",
          "Messages visible " + q.name(),
          "ApproximateNumberOfMessagesVisible",
          "Maximum",
          Unit.COUNT);
      b.slow(p + "sent", "Messages sent " + q.name(), "NumberOfMessagesSent", "Sum", Unit.COUNT);
      b.dims("AWS/SQS", "QueueName", q.deadLetterQueue());
      b.fast(
          "sqs." + q.deadLetterQueue() + ".visible",
          "DLQ depth " + q.deadLetterQueue(),
          "ApproximateNumberOfMessagesVisible",
          "Maximum",
          Unit.COUNT);
    }

    for (String nat : r.natGateways()) {
      b.dims("AWS/NATGateway", "NatGatewayId", nat);
      String p = "nat." + nat + ".";
      b.fast(
          p + "port_errors",
          "NAT port allocation errors " + nat,
          "ErrorPortAllocation",
          "Sum",
          Unit.COUNT);
      b.slow(p + "bytes_out", "NAT bytes out " + nat, "BytesOutToDestination", "Sum", Unit.BYTES);
      b.slow(
          p + "connections",
          "NAT active connections " + nat,
          "ActiveConnectionCount",
          "Maximum",
          Unit.COUNT);
    }

    List<Series> fetched = List.copyOf(b.series);
    b.series.clear();
    b.dims(RECORDED, "Environment", env.name());
    b.add(
        "cost.forecast_budget_ratio",
        "Cost forecast against budget",
        "ForecastToBudget",
        "Maximum",
        Unit.PERCENT,
        Duration.ZERO);
    b.add(
        "cost.anomaly",
        "Cost anomaly in the last 3 days",
        "Anomaly",
        "Maximum",
        Unit.COUNT,
        Duration.ZERO);
    b.dims(MAINTENANCE, "Environment", env.name());
    b.add(
        "maintenance.overdue_critical",
        "Critical maintenance chores overdue",
        "OverdueCritical",
        "Maximum",
        Unit.COUNT,
        Duration.ZERO);
    return new SeriesPlan(env.name(), fetched, DerivedSeries.of(env), b.series);
  }

  /** Collects series of one environment, one dimension set at a time. */
  private final class Builder {
    private final String env;
    private final List<Series> series = new ArrayList<>();
    private String namespace;
    private List<Dimension> dimensions;

    Builder(String env) {
      this.env = env;
    }

    void dims(String namespace, String... nameValues) {
      this.namespace = namespace;
      List<Dimension> d = new ArrayList<>();
      for (int i = 0; i < nameValues.length; i += 2) {
        d.add(new Dimension(nameValues[i], nameValues[i + 1]));
      }
      this.dimensions = d;
    }

    void fast(String id, String title, String metric, String stat, Unit unit) {
      add(id, title, metric, stat, unit, fast);
    }

    void slow(String id, String title, String metric, String stat, Unit unit) {
      add(id, title, metric, stat, unit, slow);
    }

    private void add(
        String id, String title, String metric, String stat, Unit unit, Duration refresh) {
      MetricStat ms = new MetricStat(namespace, metric, dimensions, stat, PERIOD);
      series.add(new Series(id, env, title, unit, Optional.of(ms), refresh));
    }
  }
}
