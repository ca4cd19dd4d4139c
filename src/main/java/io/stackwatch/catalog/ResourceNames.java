package io.stackwatch.catalog;

import io.stackwatch.catalog.CatalogConfig.ResourcesConfig;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The naming convention of the seed stack, so that a stack built from it needs no per-resource
 * configuration. For environment {@code <env>}:
 *
 * <ul>
 *   <li>RDS instance {@code <env>-db}; ElastiCache group {@code <env>-redis}, nodes {@code
 *       <env>-redis-001}, {@code -002}, ...
 *   <li>ECS cluster {@code <env>-cluster}, service {@code <env>-app}
 *   <li>Lambda functions {@code <env>-api}, {@code <env>-worker}
 *   <li>HTTP API {@code <env>-http-api}, stage {@code $default}
 *   <li>ALB {@code app/<env>-alb/default}, target group {@code targetgroup/<env>-tg/default}
 *   <li>CloudFront distribution {@code <env>-cdn}
 *   <li>SQS queues {@code <env>-processing}, {@code <env>-email}, dead-letter queues {@code
 *       <queue>-dlq}
 *   <li>NAT gateways {@code <env>-nat-1}, {@code <env>-nat-2}, ...
 * </ul>
 *
 * AWS assigns the ids of HTTP APIs, ALBs, CloudFront distributions and NAT gateways itself: a real
 * account sets those keys.
 */
final class ResourceNames {

  private ResourceNames() {}

  static Resources resolve(String env, ResourcesConfig c) {
    String cacheGroup = c.cacheReplicationGroup().orElse(env + "-redis");
    return new Resources(
        c.rdsInstance().orElse(env + "-db"),
        cacheGroup,
        numbered(cacheGroup + "-%03d", c.cacheNodes()),
        c.ecsCluster().orElse(env + "-cluster"),
        c.ecsService().orElse(env + "-app"),
        c.lambdaFunctions().orElse(List.of(env + "-api", env + "-worker")),
        c.httpApiId().orElse(env + "-http-api"),
        c.httpApiStage(),
        c.loadBalancer().orElse("app/" + env + "-alb/default"),
        c.targetGroup().orElse("targetgroup/" + env + "-tg/default"),
        c.cloudfront()
            ? java.util.Optional.of(c.cloudfrontDistribution().orElse(env + "-cdn"))
            : java.util.Optional.empty(),
        c.queues().orElse(List.of(env + "-processing", env + "-email")).stream()
            .map(q -> new Resources.Queue(q, q + "-dlq"))
            .toList(),
        c.natGatewayIds().orElse(numbered(env + "-nat-%d", c.natGateways())));
  }

  private static List<String> numbered(String format, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format(format, i)).toList();
  }
}
