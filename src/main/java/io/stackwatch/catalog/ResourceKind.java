package io.stackwatch.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of resource stackwatch watches, each with the CloudWatch dimensions that name one of
 * them (an ALB target group is named by its own and its load balancer's), and {@link #ENVIRONMENT}
 * for what has one series per environment whatever it holds: account-wide metrics and an
 * application's own.
 */
public enum ResourceKind {
  RDS_INSTANCE("rds-instance", "DBInstanceIdentifier"),
  CACHE_NODE("cache-node", "CacheClusterId"),
  ECS_SERVICE("ecs-service", "ClusterName", "ServiceName"),
  LAMBDA_FUNCTION("lambda-function", "FunctionName"),
  HTTP_API("http-api", "ApiId", "Stage"),
  LOAD_BALANCER("load-balancer", "LoadBalancer"),
  TARGET_GROUP("target-group", "TargetGroup", "LoadBalancer"),
  CLOUDFRONT_DISTRIBUTION("cloudfront-distribution", "DistributionId", "Region"),
  QUEUE("queue", "QueueName"),
  DEAD_LETTER_QUEUE("dead-letter-queue", "QueueName"),
  NAT_GATEWAY("nat-gateway", "NatGatewayId"),
  ENVIRONMENT("environment");

  private final String yamlName;
  private final List<String> dimensions;

  ResourceKind(String yamlName, String... dimensions) {
    this.yamlName = yamlName;
    this.dimensions = List.of(dimensions);
  }

  /** As written in data files and shown on pages, such as {@code cache-node}. */
  public String yamlName() {
    return yamlName;
  }

  /** The dimensions that name a resource of this kind, in CloudWatch's order. */
  public List<String> dimensions() {
    return dimensions;
  }

  public static Optional<ResourceKind> of(String yamlName) {
    return Arrays.stream(values()).filter(k -> k.yamlName.equals(yamlName)).findFirst();
  }
}
