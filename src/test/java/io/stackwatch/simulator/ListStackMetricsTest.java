package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.simulator.StackResource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/** ListMetrics over the stack's resources, through the real SDK client. */
@Tag("simulator")
class ListStackMetricsTest {

  private AwsSimulator sim;
  private CloudWatchClient cw;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    cw = SimulatorFixture.clientWithoutRetries(sim);
  }

  @AfterEach
  void stop() {
    cw.close();
    sim.close();
  }

  @Test
  void theUnconventionalStackListsEveryMetricWithTheDimensionsAwsPublishes() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);

    assertThat(all(r -> r.namespace("AWS/ApplicationELB").metricName("HealthyHostCount")))
        .extracting(Metric::dimensions)
        .containsExactlyInAnyOrder(
            List.of(
                dimension("TargetGroup", "targetgroup/orders-tg/1a2b3c4d5e6f7081"),
                dimension("LoadBalancer", "app/edge-lb/0f1e2d3c4b5a6978")),
            List.of(
                dimension("TargetGroup", "targetgroup/admin-tg/9f8e7d6c5b4a3921"),
                dimension("LoadBalancer", "app/edge-lb/0f1e2d3c4b5a6978")),
            List.of(
                dimension("TargetGroup", "targetgroup/web-pool/2b3c4d5e6f708192"),
                dimension("LoadBalancer", "app/int-gateway/4c5d6e7f8a9b0c1d")),
            List.of(
                dimension("TargetGroup", "targetgroup/trial-tg/0a9b8c7d6e5f4a3b"),
                dimension("LoadBalancer", "app/trial-lb/7a6b5c4d3e2f1a0b")));
    assertThat(all(r -> r.namespace("AWS/ApiGateway").metricName("Count")))
        .extracting(Metric::dimensions)
        .contains(List.of(dimension("ApiId", "a1b2c3d4e5"), dimension("Stage", "$default")));
    assertThat(all(r -> r.namespace("AWS/CloudFront").metricName("Requests")))
        .extracting(Metric::dimensions)
        .containsExactlyInAnyOrder(
            List.of(dimension("DistributionId", "E2QWRTY1ABCDEF"), dimension("Region", "Global")),
            List.of(dimension("DistributionId", "E3MNBVCX2LKJHG"), dimension("Region", "Global")));
    assertThat(all(r -> r.namespace("AWS/ElastiCache").metricName("CPUUtilization")))
        .extracting(m -> m.dimensions().get(0).value())
        .containsExactlyInAnyOrder(
            "acme-sessions-0001-001",
            "acme-sessions-0001-002",
            "acme-sessions-0002-001",
            "kv-store-0001-001",
            "kv-store-0002-001",
            "cache-lite-001");
    assertThat(all(r -> r.namespace("AWS/ECS").metricName("CPUUtilization")))
        .extracting(Metric::dimensions)
        .contains(
            List.of(
                dimension("ClusterName", "shared-cluster"), dimension("ServiceName", "orders")));
    assertThat(all(r -> r.namespace("AWS/SQS").metricName("NumberOfMessagesSent")))
        .extracting(m -> m.dimensions().get(0).value())
        .contains("jobs", "jobs-failed", "graveyard", "mail-out-parked");
    assertThat(all(r -> r.namespace("AWS/NATGateway").metricName("ActiveConnectionCount")))
        .hasSize(7);
    // The account-wide Lambda metric, with no dimensions, once.
    assertThat(all(r -> r.namespace("AWS/Lambda").metricName("ConcurrentExecutions")))
        .filteredOn(m -> m.dimensions().isEmpty())
        .hasSize(1);
  }

  @Test
  void filtersReadNamespaceMetricNameAndDimensionsWithOrWithoutValue() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    assertThat(all(r -> r.namespace("AWS/RDS"))).hasSize(8 * 3);
    assertThat(
            all(
                r ->
                    r.metricName("CPUUtilization")
                        .dimensions(filter("DBInstanceIdentifier", "ledger-pg-2"))))
        .singleElement()
        .satisfies(m -> assertThat(m.namespace()).isEqualTo("AWS/RDS"));
    // A name without a value matches every metric with that dimension, whatever else it has.
    assertThat(all(r -> r.dimensions(DimensionFilter.builder().name("TargetGroup").build())))
        .hasSize(2 * 4)
        .allSatisfy(m -> assertThat(m.namespace()).isEqualTo("AWS/ApplicationELB"));
    assertThat(
            all(
                r ->
                    r.dimensions(
                        filter("LoadBalancer", "app/edge-lb/0f1e2d3c4b5a6978"),
                        DimensionFilter.builder().name("TargetGroup").build())))
        .hasSize(2 * 2);
  }

  @Test
  void pagesFiveHundredAtATime() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    for (int i = 0; i < 120; i++) {
      sim.stack().add("prod", Kind.LAMBDA_FUNCTION, "fn-" + i);
    }
    sim.calls().clear();

    ListMetricsResponse first = cw.listMetrics(r -> r.namespace("AWS/Lambda"));
    assertThat(first.metrics()).hasSize(500);
    assertThat(first.nextToken()).isNotBlank();
    List<Metric> lambda = all(r -> r.namespace("AWS/Lambda"));
    // 126 functions with 5 metrics each, and the account-wide one
    assertThat(lambda).hasSize(126 * 5 + 1).doesNotHaveDuplicates();
    assertThat(sim.calls().count("monitoring", "ListMetrics")).isEqualTo(1 + 2);
  }

  @Test
  void theSeedStackListsWhatWasRegisteredAndWhatWasAddedAtRunTime() {
    assertThat(cw.listMetrics().metrics()).isEmpty();

    sim.cloudWatch()
        .register("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "prod-db"));
    sim.stack().add("prod", Kind.QUEUE, "prod-reports");
    assertThat(all(r -> {}))
        .extracting(m -> m.metricName() + " " + m.dimensions().get(0).value())
        .containsExactly(
            "CPUUtilization prod-db",
            "ApproximateNumberOfMessagesVisible prod-reports",
            "ApproximateAgeOfOldestMessage prod-reports",
            "NumberOfMessagesSent prod-reports",
            "NumberOfMessagesDeleted prod-reports");

    // Listing the whole seed stack is one switch away; registered metrics are listed once.
    sim.cloudWatch().listsStack(true);
    List<Metric> rds = all(r -> r.namespace("AWS/RDS").metricName("CPUUtilization"));
    assertThat(rds)
        .extracting(m -> m.dimensions().get(0).value())
        .containsExactly("prod-db", "dev-db", "staging-db");
  }

  @Test
  void aRemovedResourceIsNoLongerListed() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    sim.stack().remove("prod", Kind.RDS_INSTANCE, "acme-orders-db-7");
    assertThat(all(r -> r.namespace("AWS/RDS")))
        .extracting(m -> m.dimensions().get(0).value())
        .doesNotContain("acme-orders-db-7")
        .contains("ledger-pg-2");
  }

  @Test
  void eachRegionListsItsOwnResourcesAndCloudFrontIsInUsEast1() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL).addEnvironment("eu", "eu-west-1");
    try (CloudWatchClient ireland =
        CloudWatchClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      List<Metric> rds = new ArrayList<>();
      ireland.listMetricsPaginator(r -> r.namespace("AWS/RDS")).metrics().forEach(rds::add);
      assertThat(rds).hasSize(8);
      assertThat(ireland.listMetrics(r -> r.namespace("AWS/CloudFront")).metrics()).isEmpty();
    }
    // three environments' RDS here; the eu distribution's metrics are in us-east-1
    assertThat(all(r -> r.namespace("AWS/RDS"))).hasSize(8 * 3);
    assertThat(all(r -> r.namespace("AWS/CloudFront").metricName("Requests"))).hasSize(3);
  }

  private List<Metric> all(Consumer<ListMetricsRequest.Builder> request) {
    List<Metric> out = new ArrayList<>();
    cw.listMetricsPaginator(request).metrics().forEach(out::add);
    return out;
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  private static DimensionFilter filter(String name, String value) {
    return DimensionFilter.builder().name(name).value(value).build();
  }
}
