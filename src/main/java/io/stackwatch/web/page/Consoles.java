package io.stackwatch.web.page;

import io.stackwatch.series.MetricStat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links to the AWS console page of the resource a CloudWatch series describes, in its region: the
 * RDS instance, the cache cluster, the ECS service, the Lambda function, the HTTP API, the load
 * balancer, the CloudFront distribution, the queue, the NAT gateway.
 */
final class Consoles {

  private Consoles() {}

  /** A link's text and address. */
  record Link(String label, String url) {}

  static Optional<Link> of(MetricStat stat, String region) {
    String base = "https://" + region + ".console.aws.amazon.com/";
    String q = "?region=" + region;
    return switch (stat.namespace()) {
      case "AWS/RDS" ->
          dim(stat, "DBInstanceIdentifier")
              .map(
                  id ->
                      link(
                          id,
                          base + "rds/home" + q + "#database:id=" + enc(id) + ";is-cluster=false"));
      case "AWS/ElastiCache" ->
          dim(stat, "CacheClusterId")
              .map(id -> link(id, base + "elasticache/home" + q + "#/redis/" + enc(id)));
      case "AWS/ECS", "ECS/ContainerInsights" ->
          dim(stat, "ClusterName")
              .flatMap(
                  c ->
                      dim(stat, "ServiceName")
                          .map(
                              s ->
                                  link(
                                      c + "/" + s,
                                      base
                                          + "ecs/v2/clusters/"
                                          + enc(c)
                                          + "/services/"
                                          + enc(s)
                                          + "/health"
                                          + q)));
      case "AWS/Lambda" ->
          dim(stat, "FunctionName")
              .map(fn -> link(fn, base + "lambda/home" + q + "#/functions/" + enc(fn)));
      case "AWS/ApiGateway" ->
          dim(stat, "ApiId")
              .map(
                  id ->
                      link(
                          id,
                          base
                              + "apigateway/main/api-detail?api="
                              + enc(id)
                              + "&region="
                              + region));
      case "AWS/ApplicationELB" ->
          dim(stat, "LoadBalancer")
              .map(
                  lb -> {
                    // app/<name>/<id>: the console searches load balancers by name.
                    String[] parts = lb.split("/");
                    String name = parts.length >= 2 ? parts[1] : lb;
                    return link(name, base + "ec2/home" + q + "#LoadBalancers:search=" + enc(name));
                  });
      case "AWS/CloudFront" ->
          // A global service: its console lives in us-east-1 whatever the stack's region.
          dim(stat, "DistributionId")
              .map(
                  id ->
                      link(
                          id,
                          "https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/"
                              + enc(id)));
      case "AWS/SQS" ->
          dim(stat, "QueueName")
              .map(n -> link(n, base + "sqs/v3/home" + q + "#/queues?search=" + enc(n)));
      case "AWS/NATGateway" ->
          dim(stat, "NatGatewayId")
              .map(
                  id ->
                      link(
                          id,
                          base
                              + "vpcconsole/home"
                              + q
                              + "#NatGatewayDetails:natGatewayId="
                              + enc(id)));
      default -> Optional.empty();
    };
  }

  private static Link link(String label, String url) {
    return new Link(label, url);
  }

  private static Optional<String> dim(MetricStat stat, String name) {
    return stat.dimensions().stream()
        .filter(d -> d.name().equals(name))
        .map(MetricStat.Dimension::value)
        .findFirst();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
