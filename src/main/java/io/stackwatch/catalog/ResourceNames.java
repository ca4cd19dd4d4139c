package io.stackwatch.catalog;

import io.stackwatch.catalog.CatalogConfig.ResourcesConfig;
import io.stackwatch.catalog.Resource.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The resources an environment's configuration names, and where it names none, the naming
 * convention of the seed stack. For environment {@code <env>}:
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
 * Resources found by tag take the place of the convention's, kind by kind (see {@code
 * io.stackwatch.discovery}); a kind the configuration names is never replaced.
 */
final class ResourceNames {

  private ResourceNames() {}

  static Resources resolve(String env, ResourcesConfig c) {
    String cacheGroup = c.cacheReplicationGroup().orElse(env + "-redis");
    List<String> queues = c.queues().orElse(List.of(env + "-processing", env + "-email"));
    return new Resources(
        c.rdsInstance().orElse(env + "-db"),
        cacheGroup,
        c.cacheNodeIds().orElse(numbered(cacheGroup + "-%03d", c.cacheNodes())),
        c.ecsCluster().orElse(env + "-cluster"),
        c.ecsService().orElse(env + "-app"),
        c.lambdaFunctions().orElse(List.of(env + "-api", env + "-worker")),
        c.httpApiId().orElse(env + "-http-api"),
        c.httpApiStage(),
        c.loadBalancer().orElse("app/" + env + "-alb/default"),
        c.targetGroup().orElse(List.of("targetgroup/" + env + "-tg/default")),
        c.cloudfront()
            ? Optional.of(c.cloudfrontDistribution().orElse(env + "-cdn"))
            : Optional.empty(),
        queues,
        c.deadLetterQueues().orElse(queues.stream().map(q -> q + "-dlq").toList()),
        c.natGatewayIds().orElse(numbered(env + "-nat-%d", c.natGateways())),
        configured(c));
  }

  /** The kinds the configuration names itself: these are never replaced by what tags find. */
  private static List<ResourceKind> configured(ResourcesConfig c) {
    List<ResourceKind> kinds = new ArrayList<>();
    add(kinds, ResourceKind.RDS_INSTANCE, c.rdsInstance());
    add(kinds, ResourceKind.CACHE_NODE, c.cacheNodeIds());
    add(kinds, ResourceKind.CACHE_NODE, c.cacheReplicationGroup());
    add(kinds, ResourceKind.ECS_SERVICE, c.ecsService());
    add(kinds, ResourceKind.ECS_SERVICE, c.ecsCluster());
    add(kinds, ResourceKind.LAMBDA_FUNCTION, c.lambdaFunctions());
    add(kinds, ResourceKind.HTTP_API, c.httpApiId());
    add(kinds, ResourceKind.LOAD_BALANCER, c.loadBalancer());
    add(kinds, ResourceKind.TARGET_GROUP, c.targetGroup());
    add(kinds, ResourceKind.CLOUDFRONT_DISTRIBUTION, c.cloudfrontDistribution());
    add(kinds, ResourceKind.QUEUE, c.queues());
    add(kinds, ResourceKind.DEAD_LETTER_QUEUE, c.deadLetterQueues());
    add(kinds, ResourceKind.DEAD_LETTER_QUEUE, c.queues());
    add(kinds, ResourceKind.NAT_GATEWAY, c.natGatewayIds());
    if (!c.cloudfront()) {
      kinds.add(ResourceKind.CLOUDFRONT_DISTRIBUTION);
    }
    return kinds;
  }

  private static void add(List<ResourceKind> kinds, ResourceKind kind, Optional<?> value) {
    if (value.isPresent() && !kinds.contains(kind)) {
      kinds.add(kind);
    }
  }

  /** The resources of configuration and convention, as an inventory in kind order. */
  static List<Resource> resources(String env, Resources r) {
    List<Resource> out = new ArrayList<>();
    Origin origin;
    origin = r.origin(ResourceKind.RDS_INSTANCE);
    out.add(resource(ResourceKind.RDS_INSTANCE, r.rdsInstance(), origin, r.rdsInstance()));
    origin = r.origin(ResourceKind.CACHE_NODE);
    for (String node : r.cacheNodes()) {
      out.add(resource(ResourceKind.CACHE_NODE, node, origin, node));
    }
    out.add(
        resource(
            ResourceKind.ECS_SERVICE,
            r.ecsService(),
            r.origin(ResourceKind.ECS_SERVICE),
            r.ecsCluster(),
            r.ecsService()));
    origin = r.origin(ResourceKind.LAMBDA_FUNCTION);
    for (String fn : r.lambdaFunctions()) {
      out.add(resource(ResourceKind.LAMBDA_FUNCTION, fn, origin, fn));
    }
    out.add(
        resource(
            ResourceKind.HTTP_API,
            r.httpApiId(),
            r.origin(ResourceKind.HTTP_API),
            r.httpApiId(),
            r.httpApiStage()));
    out.add(
        resource(
            ResourceKind.LOAD_BALANCER,
            shortName(r.loadBalancer()),
            r.origin(ResourceKind.LOAD_BALANCER),
            r.loadBalancer()));
    origin = r.origin(ResourceKind.TARGET_GROUP);
    for (String tg : r.targetGroups()) {
      out.add(resource(ResourceKind.TARGET_GROUP, shortName(tg), origin, tg, r.loadBalancer()));
    }
    r.cloudfrontDistribution()
        .ifPresent(
            d ->
                out.add(
                    resource(
                        ResourceKind.CLOUDFRONT_DISTRIBUTION,
                        d,
                        r.origin(ResourceKind.CLOUDFRONT_DISTRIBUTION),
                        d,
                        "Global")));
    origin = r.origin(ResourceKind.QUEUE);
    for (String q : r.queues()) {
      out.add(resource(ResourceKind.QUEUE, q, origin, q));
    }
    origin = r.origin(ResourceKind.DEAD_LETTER_QUEUE);
    for (String q : r.deadLetterQueues()) {
      out.add(resource(ResourceKind.DEAD_LETTER_QUEUE, q, origin, q));
    }
    origin = r.origin(ResourceKind.NAT_GATEWAY);
    for (String nat : r.natGateways()) {
      out.add(resource(ResourceKind.NAT_GATEWAY, nat, origin, nat));
    }
    out.add(new Resource(ResourceKind.ENVIRONMENT, env, Map.of(), Origin.CONFIGURATION));
    return out;
  }

  /** A resource of a kind from its dimension values, in the kind's order. */
  static Resource resource(ResourceKind kind, String name, Origin origin, String... values) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      dims.put(kind.dimensions().get(i), values[i]);
    }
    return new Resource(kind, name, dims, origin);
  }

  /** {@code app/edge-lb/0f1e...} and {@code targetgroup/orders/5a6b...} read as their name. */
  static String shortName(String dimensionValue) {
    String[] parts = dimensionValue.split("/");
    return parts.length == 3 ? parts[1] : dimensionValue;
  }

  private static List<String> numbered(String format, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format(format, i)).toList();
  }
}
