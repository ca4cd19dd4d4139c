package io.stackwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One resource of the {@link SimulatedStack}: what it is, its name or id as its service knows it,
 * the environment and region it lives in and its tags. Its ARN, tagging type and CloudWatch
 * dimensions follow from its kind, as AWS formats them.
 *
 * @param name the name or id its service uses and CloudWatch publishes: a DB instance id, a cache
 *     cluster id, {@code app/<name>/<id>} for a load balancer, {@code targetgroup/<name>/<id>} for
 *     a target group, an API id, a distribution id, a queue name, a NAT gateway id...
 * @param parent what the resource belongs to: the ECS cluster of a service, the replication group
 *     of a cache node, the load balancer ({@code app/...}) of a target group; null otherwise
 * @param deadLetterQueue for a queue, the queue its redrive policy sends failed messages to; null
 *     if it has none
 * @param seeded whether the naming style built it ({@link SimulatedStack#naming}); false for a
 *     resource added at run time
 */
public record StackResource(
    Kind kind,
    String name,
    String environment,
    String region,
    Map<String, String> tags,
    String parent,
    String deadLetterQueue,
    boolean seeded) {

  /** The HTTP API stage the stack's APIs publish their metrics under. */
  public static final String STAGE = "$default";

  /**
   * The kinds of resource the stack holds, each with the service and resource type that its ARN
   * carries and the Resource Groups Tagging API filters by ({@code service[:type]}), and the
   * CloudWatch dimensions that name it.
   */
  public enum Kind {
    RDS_INSTANCE("rds", "db", "DBInstanceIdentifier"),
    CACHE_REPLICATION_GROUP("elasticache", "replicationgroup"),
    /** A cache node: ElastiCache calls each node of a replication group a cache cluster. */
    CACHE_NODE("elasticache", "cluster", "CacheClusterId"),
    ECS_CLUSTER("ecs", "cluster"),
    ECS_SERVICE("ecs", "service", "ClusterName", "ServiceName"),
    LAMBDA_FUNCTION("lambda", "function", "FunctionName"),
    /**
     * An API Gateway HTTP API; its ARN has no account and names the type by path, {@code /apis}.
     */
    HTTP_API("apigateway", "apis", "ApiId", "Stage"),
    LOAD_BALANCER("elasticloadbalancing", "loadbalancer", "LoadBalancer"),
    TARGET_GROUP("elasticloadbalancing", "targetgroup", "TargetGroup", "LoadBalancer"),
    /**
     * A CloudFront distribution: global, its ARN has no region and its metrics are in us-east-1.
     */
    DISTRIBUTION("cloudfront", "distribution", "DistributionId", "Region"),
    /**
     * An SQS queue; its ARN names no type, so the tagging API's type for it is {@code sqs:queue}.
     */
    QUEUE("sqs", "queue", "QueueName"),
    NAT_GATEWAY("ec2", "natgateway", "NatGatewayId"),
    /** An SNS topic; like a queue, its ARN names no type ({@code sns:topic}). */
    TOPIC("sns", "topic");

    private final String service;
    private final String type;
    private final List<String> dimensionNames;

    Kind(String service, String type, String... dimensionNames) {
      this.service = service;
      this.type = type;
      this.dimensionNames = List.of(dimensionNames);
    }

    /** The service namespace in its ARN, e.g. {@code elasticloadbalancing}. */
    public String service() {
      return service;
    }

    /** The resource type, e.g. {@code targetgroup}; the tagging API's type is service:type. */
    public String type() {
      return type;
    }

    /** The dimensions its CloudWatch metrics carry, in AWS's order; empty if it publishes none. */
    public List<String> dimensionNames() {
      return dimensionNames;
    }
  }

  public StackResource {
    tags = Map.copyOf(tags);
  }

  /** A copy with other tags. */
  public StackResource withTags(Map<String, String> newTags) {
    return new StackResource(
        kind, name, environment, region, newTags, parent, deadLetterQueue, seeded);
  }

  /**
   * The resource's ARN as AWS formats it; the formats differ by service (colon or slash before the
   * id, no account for an HTTP API, no region for a distribution).
   */
  public String arn(String account) {
    String prefix = "arn:aws:" + kind.service() + ":" + region + ":" + account + ":";
    return switch (kind) {
      case RDS_INSTANCE -> prefix + "db:" + name;
      case CACHE_REPLICATION_GROUP -> prefix + "replicationgroup:" + name;
      case CACHE_NODE -> prefix + "cluster:" + name;
      case ECS_CLUSTER -> prefix + "cluster/" + name;
      case ECS_SERVICE -> prefix + "service/" + parent + "/" + name;
      case LAMBDA_FUNCTION -> prefix + "function:" + name;
      case HTTP_API -> "arn:aws:apigateway:" + region + "::/apis/" + name;
      case LOAD_BALANCER -> prefix + "loadbalancer/" + name;
      case TARGET_GROUP, QUEUE, TOPIC -> prefix + name;
      case DISTRIBUTION -> "arn:aws:cloudfront::" + account + ":distribution/" + name;
      case NAT_GATEWAY -> prefix + "natgateway/" + name;
    };
  }

  /**
   * The region its CloudWatch metrics and its tagging entry live in: its own, except a CloudFront
   * distribution's, which AWS keeps in us-east-1 whatever region is asked.
   */
  public String homeRegion() {
    return kind == Kind.DISTRIBUTION ? "us-east-1" : region;
  }

  /** The dimensions that name it in CloudWatch, in AWS's order; empty if it publishes no metric. */
  public List<MetricDimension> dimensions() {
    List<MetricDimension> out = new ArrayList<>(2);
    for (String dimension : kind.dimensionNames()) {
      out.add(new MetricDimension(dimension, dimensionValue(dimension)));
    }
    return out;
  }

  private String dimensionValue(String dimension) {
    return switch (dimension) {
      case "ClusterName" -> parent;
      case "Stage" -> STAGE;
      case "Region" -> "Global";
      case "LoadBalancer" -> kind == Kind.TARGET_GROUP ? parent : name;
      default -> name;
    };
  }
}
