package io.stackwatch.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.catalog.Resource;
import io.stackwatch.catalog.ResourceKind;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARNs as AWS and emulators write them, read into a kind, a name and dimensions. */
@Tag("plain")
class ArnsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          arn:aws:rds:us-east-1:123456789012:db:acme-orders-db-7 | rds-instance | acme-orders-db-7 | DBInstanceIdentifier=acme-orders-db-7
          arn:aws:elasticache:eu-west-1:123456789012:cluster:acme-sessions-0001-001 | cache-node | acme-sessions-0001-001 | CacheClusterId=acme-sessions-0001-001
          arn:aws:lambda:us-east-1:123456789012:function:orders-handler | lambda-function | orders-handler | FunctionName=orders-handler
          arn:aws:lambda:us-east-1:123456789012:function:orders-handler:3 | lambda-function | orders-handler | FunctionName=orders-handler
          arn:aws:ecs:us-east-1:123456789012:service/shared-cluster/orders | ecs-service | orders | ClusterName=shared-cluster,ServiceName=orders
          arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5 | http-api | a1b2c3d4e5 | ApiId=a1b2c3d4e5
          arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/edge-lb/0f1e2d3c4b5a6978 | load-balancer | edge-lb | LoadBalancer=app/edge-lb/0f1e2d3c4b5a6978
          arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/5a6b7c8d9e0f1a2b | target-group | orders | TargetGroup=targetgroup/orders/5a6b7c8d9e0f1a2b
          arn:aws:cloudfront::123456789012:distribution/E2QWRTY1ABCDEF | cloudfront-distribution | E2QWRTY1ABCDEF | DistributionId=E2QWRTY1ABCDEF,Region=Global
          arn:aws:sqs:us-east-1:123456789012:jobs-failed | queue | jobs-failed | QueueName=jobs-failed
          arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0a1b2c3d4e5f60718 | nat-gateway | nat-0a1b2c3d4e5f60718 | NatGatewayId=nat-0a1b2c3d4e5f60718
          arn:aws-cn:rds:cn-north-1:000000000000:db:legacy | rds-instance | legacy | DBInstanceIdentifier=legacy
          """)
  void readsKindNameAndDimensions(String arn, String kind, String name, String dims) {
    Resource r = Arns.resource(arn).orElseThrow();
    assertThat(r.kind()).isEqualTo(ResourceKind.of(kind).orElseThrow());
    assertThat(r.name()).isEqualTo(name);
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    for (String pair : dims.split(",")) {
      expected.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    assertThat(r.dimensions()).containsExactlyEntriesOf(expected);
    assertThat(r.origin()).isEqualTo(Resource.Origin.TAG);
  }

  @ParameterizedTest
  @CsvSource({
    "arn:aws:rds:us-east-1:123456789012:cluster:aurora-1",
    "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:acme-sessions",
    "arn:aws:ecs:us-east-1:123456789012:service/orders",
    "arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod",
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/edge/123",
    "arn:aws:s3:::media-bucket",
    "arn:aws:sns:us-east-1:123456789012:prod-alerts",
    "not-an-arn"
  })
  void leavesOutWhatItDoesNotWatch(String arn) {
    assertThat(Arns.resource(arn)).isEmpty();
  }
}
