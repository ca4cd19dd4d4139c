package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;

import io.stackwatch.simulator.StackResource.Kind;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

@Tag("simulator")
class SimulatedStackTest {

  private AwsSimulator sim;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void theSeedStyleIsTheDefaultAndNamesEverythingAfterItsEnvironment() {
    assertThat(sim.stack().naming()).isEqualTo(SimulatedStack.Naming.SEED);
    assertThat(sim.stack().environments()).containsExactly("dev", "staging", "prod");
    assertThat(names("prod"))
        .containsExactly(
            "RDS_INSTANCE prod-db",
            "CACHE_REPLICATION_GROUP prod-redis",
            "CACHE_NODE prod-redis-001",
            "CACHE_NODE prod-redis-002",
            "CACHE_NODE prod-redis-003",
            "ECS_CLUSTER prod-cluster",
            "ECS_SERVICE prod-app",
            "LAMBDA_FUNCTION prod-api",
            "LAMBDA_FUNCTION prod-worker",
            "HTTP_API prod-http-api",
            "LOAD_BALANCER app/prod-alb/default",
            "TARGET_GROUP targetgroup/prod-tg/default",
            "DISTRIBUTION prod-cdn",
            "QUEUE prod-processing",
            "QUEUE prod-processing-dlq",
            "QUEUE prod-email",
            "QUEUE prod-email-dlq",
            "NAT_GATEWAY prod-nat-1",
            "NAT_GATEWAY prod-nat-2",
            "NAT_GATEWAY prod-nat-3",
            "TOPIC prod-alerts",
            "TOPIC prod-notifications");
    assertThat(count("staging", Kind.CACHE_NODE)).isEqualTo(2);
    assertThat(count("staging", Kind.NAT_GATEWAY)).isEqualTo(3);
    assertThat(count("dev", Kind.CACHE_NODE)).isEqualTo(1);
    assertThat(count("dev", Kind.NAT_GATEWAY)).isEqualTo(1);
    assertThat(count("dev", Kind.DISTRIBUTION)).isZero();
    assertThat(sim.stack().resources())
        .allSatisfy(r -> assertThat(r.tags()).containsEntry("Environment", r.environment()));
    assertThat(sim.stack().find("prod", Kind.QUEUE).orElseThrow().deadLetterQueue())
        .isEqualTo("prod-processing-dlq");
    // Seed topics exist in SNS only once someone creates them, as before the stack was data.
    assertThat(sim.sns().topics()).isEmpty();
  }

  @Test
  void theUnconventionalStyleFollowsNoRuleAndNoNameHoldsItsEnvironment() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);

    assertThat(names("prod"))
        .containsExactly(
            "RDS_INSTANCE acme-orders-db-7",
            "CACHE_REPLICATION_GROUP acme-sessions",
            "CACHE_NODE acme-sessions-0001-001",
            "CACHE_NODE acme-sessions-0001-002",
            "CACHE_NODE acme-sessions-0002-001",
            "ECS_CLUSTER shared-cluster",
            "ECS_SERVICE orders",
            "LAMBDA_FUNCTION orders-handler",
            "LAMBDA_FUNCTION mailer",
            "HTTP_API a1b2c3d4e5",
            "LOAD_BALANCER app/edge-lb/0f1e2d3c4b5a6978",
            "TARGET_GROUP targetgroup/orders-tg/1a2b3c4d5e6f7081",
            "TARGET_GROUP targetgroup/admin-tg/9f8e7d6c5b4a3921",
            "DISTRIBUTION E2QWRTY1ABCDEF",
            "QUEUE jobs",
            "QUEUE jobs-failed",
            "QUEUE outbound-mail",
            "QUEUE mail-parking-lot",
            "NAT_GATEWAY nat-0a1b2c3d4e5f60718",
            "NAT_GATEWAY nat-0b2c3d4e5f6071829",
            "NAT_GATEWAY nat-0c3d4e5f607182930",
            "TOPIC oncall-page",
            "TOPIC team-digest");
    for (String env : List.of("prod", "staging", "dev")) {
      assertThat(sim.stack().resources(env))
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.name().toLowerCase(Locale.ROOT)).doesNotContain(env);
                assertThat(r.parent() == null ? "" : r.parent()).doesNotContain(env);
                assertThat(r.tags()).containsEntry("Environment", env);
              });
    }
    assertThat(count("staging", Kind.CACHE_NODE)).isEqualTo(2);
    assertThat(count("staging", Kind.NAT_GATEWAY)).isEqualTo(3);
    assertThat(count("dev", Kind.CACHE_NODE)).isEqualTo(1);
    assertThat(count("dev", Kind.NAT_GATEWAY)).isEqualTo(1);
    assertThat(count("dev", Kind.DISTRIBUTION)).isZero();

    // The dead-letter queue is known by the redrive policy, not by its name.
    assertThat(sim.stack().find("prod", Kind.QUEUE).orElseThrow().deadLetterQueue())
        .isEqualTo("jobs-failed");
    assertThat(
            sim.stack().resources("prod").stream()
                .filter(r -> r.kind() == Kind.TARGET_GROUP)
                .map(StackResource::parent))
        .containsOnly("app/edge-lb/0f1e2d3c4b5a6978");
    // The unconventional topics exist in SNS from the start.
    assertThat(sim.sns().topics())
        .contains(
            "arn:aws:sns:us-east-1:000000000000:oncall-page",
            "arn:aws:sns:us-east-1:000000000000:ops-news");
  }

  @Test
  void arnsAreFormattedAsEachServiceFormatsThem() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    String account = "000000000000";
    assertThat(sim.stack().resources("prod").stream().map(r -> r.arn(account)))
        .contains(
            "arn:aws:rds:us-east-1:000000000000:db:acme-orders-db-7",
            "arn:aws:elasticache:us-east-1:000000000000:replicationgroup:acme-sessions",
            "arn:aws:elasticache:us-east-1:000000000000:cluster:acme-sessions-0001-002",
            "arn:aws:ecs:us-east-1:000000000000:cluster/shared-cluster",
            "arn:aws:ecs:us-east-1:000000000000:service/shared-cluster/orders",
            "arn:aws:lambda:us-east-1:000000000000:function:orders-handler",
            "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5",
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/edge-lb/"
                + "0f1e2d3c4b5a6978",
            "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/admin-tg/"
                + "9f8e7d6c5b4a3921",
            "arn:aws:cloudfront::000000000000:distribution/E2QWRTY1ABCDEF",
            "arn:aws:sqs:us-east-1:000000000000:jobs-failed",
            "arn:aws:ec2:us-east-1:000000000000:natgateway/nat-0a1b2c3d4e5f60718",
            "arn:aws:sns:us-east-1:000000000000:team-digest");
  }

  @Test
  void theCloudWatchDimensionsAreTheOnesAwsPublishes() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    Map<Kind, List<MetricDimension>> first = new EnumMap<>(Kind.class);
    sim.stack().resources("prod").forEach(r -> first.putIfAbsent(r.kind(), r.dimensions()));
    assertThat(first.get(Kind.TARGET_GROUP))
        .containsExactly(
            new MetricDimension("TargetGroup", "targetgroup/orders-tg/1a2b3c4d5e6f7081"),
            new MetricDimension("LoadBalancer", "app/edge-lb/0f1e2d3c4b5a6978"));
    assertThat(first.get(Kind.HTTP_API))
        .containsExactly(
            new MetricDimension("ApiId", "a1b2c3d4e5"), new MetricDimension("Stage", "$default"));
    assertThat(first.get(Kind.DISTRIBUTION))
        .containsExactly(
            new MetricDimension("DistributionId", "E2QWRTY1ABCDEF"),
            new MetricDimension("Region", "Global"));
    assertThat(first.get(Kind.ECS_SERVICE))
        .containsExactly(
            new MetricDimension("ClusterName", "shared-cluster"),
            new MetricDimension("ServiceName", "orders"));
    assertThat(first.get(Kind.CACHE_NODE))
        .containsExactly(new MetricDimension("CacheClusterId", "acme-sessions-0001-001"));
    assertThat(first.get(Kind.CACHE_REPLICATION_GROUP)).isEmpty();
  }

  @Test
  void anEnvironmentAddedLaterHasItsOwnNamesInItsOwnRegion() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    sim.stack().addEnvironment("qa", "eu-west-1");

    assertThat(sim.stack().region("qa")).isEqualTo("eu-west-1");
    assertThat(sim.stack().resources("qa"))
        .hasSize(names("staging").size())
        .allSatisfy(
            r -> {
              assertThat(r.name()).doesNotContain("qa");
              assertThat(r.region()).isEqualTo("eu-west-1");
            });
    assertThat(sim.stack().find("qa", Kind.QUEUE).orElseThrow().arn("000000000000"))
        .startsWith("arn:aws:sqs:eu-west-1:000000000000:");
  }

  @Test
  void anEnvironmentDeclaredInAnotherRegionMovesThere() {
    sim.stack().addEnvironment("prod", "eu-west-1");
    assertThat(sim.stack().environments()).containsExactly("dev", "staging", "prod");
    assertThat(sim.stack().resources("prod"))
        .hasSize(22)
        .allSatisfy(r -> assertThat(r.region()).isEqualTo("eu-west-1"));
    assertThat(sim.stack().find("prod", Kind.RDS_INSTANCE).orElseThrow().arn("000000000000"))
        .isEqualTo("arn:aws:rds:eu-west-1:000000000000:db:prod-db");
  }

  @Test
  void resourcesComeAndGoAtRunTime() {
    StackResource billing = sim.stack().add("prod", Kind.LAMBDA_FUNCTION, "billing");
    assertThat(billing.seeded()).isFalse();
    assertThat(billing.tags()).containsExactly(entry("Environment", "prod"));
    assertThat(names("prod")).contains("LAMBDA_FUNCTION billing");

    StackResource pool = sim.stack().add("prod", Kind.TARGET_GROUP, "canary");
    assertThat(pool.name()).matches("targetgroup/canary/[0-9a-f]{16}");
    assertThat(pool.parent()).isEqualTo("app/prod-alb/default");
    StackResource service = sim.stack().add("prod", Kind.ECS_SERVICE, "batch/reports");
    assertThat(service.arn("000000000000"))
        .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/batch/reports");

    StackResource topic = sim.stack().add("prod", Kind.TOPIC, "prod-audit");
    assertThat(sim.sns().hasTopic(topic.arn("000000000000"))).isTrue();

    assertThat(sim.stack().remove("prod", Kind.LAMBDA_FUNCTION, "billing")).isTrue();
    assertThat(sim.stack().remove("prod", Kind.LAMBDA_FUNCTION, "billing")).isFalse();
    assertThat(names("prod")).doesNotContain("LAMBDA_FUNCTION billing");
    assertThat(sim.stack().remove("prod", Kind.TOPIC, "prod-audit")).isTrue();
    assertThat(sim.sns().hasTopic(topic.arn("000000000000"))).isFalse();
  }

  @Test
  void rdsDescribesTheStacksDatabases() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    try (RdsClient rds =
        RdsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(rds.describeDBInstances().dbInstances())
          .extracting(DBInstance::dbInstanceIdentifier, DBInstance::dbInstanceArn)
          .contains(
              tuple("acme-orders-db-7", "arn:aws:rds:us-east-1:000000000000:db:acme-orders-db-7"))
          .hasSize(3);
    }
  }

  private List<String> names(String env) {
    return sim.stack().resources(env).stream().map(r -> r.kind() + " " + r.name()).toList();
  }

  private long count(String env, Kind kind) {
    return sim.stack().resources(env).stream().filter(r -> r.kind() == kind).count();
  }
}
