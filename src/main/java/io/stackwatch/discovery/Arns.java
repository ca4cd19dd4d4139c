package io.stackwatch.discovery;

import io.stackwatch.catalog.Resource;
import io.stackwatch.catalog.Resource.Origin;
import io.stackwatch.catalog.ResourceKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the kind and the CloudWatch dimensions of a resource from its ARN, tolerantly: the
 * partition, region and account are not checked (emulators and old resources write them their own
 * way), only the service and the resource part. What an ARN does not tell (a target group's load
 * balancer, an API's stage) is left for {@code ListMetrics} to fill in.
 */
final class Arns {

  private Arns() {}

  /** The resource an ARN names, or empty for a kind stackwatch does not watch. */
  static Optional<Resource> resource(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      return Optional.empty();
    }
    String service = parts[2];
    String rest = parts[5];
    return switch (service) {
      case "rds" -> after(rest, "db:").map(id -> one(ResourceKind.RDS_INSTANCE, id, id));
      case "elasticache" -> after(rest, "cluster:").map(id -> one(ResourceKind.CACHE_NODE, id, id));
      case "lambda" ->
          after(rest, "function:")
              .map(f -> f.contains(":") ? f.substring(0, f.indexOf(':')) : f)
              .map(f -> one(ResourceKind.LAMBDA_FUNCTION, f, f));
      case "ecs" -> after(rest, "service/").flatMap(Arns::ecsService);
      case "apigateway" ->
          after(rest, "/apis/")
              .filter(id -> !id.contains("/"))
              .map(id -> resource(ResourceKind.HTTP_API, id, "ApiId", id));
      case "elasticloadbalancing" -> loadBalancing(rest);
      case "cloudfront" ->
          after(rest, "distribution/")
              .map(
                  id ->
                      resource(
                          ResourceKind.CLOUDFRONT_DISTRIBUTION,
                          id,
                          "DistributionId",
                          id,
                          "Region",
                          "Global"));
      case "sqs" ->
          Optional.of(rest)
              .filter(q -> !q.isEmpty() && !q.contains("/"))
              .map(q -> one(ResourceKind.QUEUE, q, q));
      case "ec2" -> after(rest, "natgateway/").map(id -> one(ResourceKind.NAT_GATEWAY, id, id));
      default -> Optional.empty();
    };
  }

  /** {@code service/cluster/name}; the old form without the cluster cannot name its metrics. */
  private static Optional<Resource> ecsService(String path) {
    String[] p = path.split("/");
    if (p.length != 2) {
      return Optional.empty();
    }
    return Optional.of(
        resource(ResourceKind.ECS_SERVICE, p[1], "ClusterName", p[0], "ServiceName", p[1]));
  }

  /** {@code loadbalancer/app/name/id} and {@code targetgroup/name/id}. */
  private static Optional<Resource> loadBalancing(String rest) {
    Optional<Resource> lb =
        after(rest, "loadbalancer/app/")
            .filter(v -> v.split("/").length == 2)
            .map(
                v ->
                    resource(
                        ResourceKind.LOAD_BALANCER, v.split("/")[0], "LoadBalancer", "app/" + v));
    if (lb.isPresent()) {
      return lb;
    }
    return after(rest, "targetgroup/")
        .filter(v -> v.split("/").length == 2)
        .map(
            v ->
                resource(
                    ResourceKind.TARGET_GROUP, v.split("/")[0], "TargetGroup", "targetgroup/" + v));
  }

  /** What follows {@code marker} in the resource part, when it starts with it. */
  private static Optional<String> after(String rest, String marker) {
    int at = rest.indexOf(marker);
    if (at < 0 || (at > 0 && !marker.startsWith("/"))) {
      return Optional.empty();
    }
    String v = rest.substring(at + marker.length());
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static Resource one(ResourceKind kind, String name, String value) {
    return resource(kind, name, kind.dimensions().get(0), value);
  }

  private static Resource resource(ResourceKind kind, String name, String... nameValues) {
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      dims.put(nameValues[i], nameValues[i + 1]);
    }
    return new Resource(kind, name, dims, Origin.TAG);
  }
}
