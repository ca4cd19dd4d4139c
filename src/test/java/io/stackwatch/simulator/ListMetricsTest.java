package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

@Tag("simulator")
class ListMetricsTest {

  private AwsSimulator sim;
  private CloudWatchClient cw;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    cw = SimulatorFixture.clientWithoutRetries(sim);
    for (String env : List.of("prod", "staging", "dev")) {
      sim.cloudWatch()
          .register("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", env + "-db"))
          .register("AWS/RDS", "FreeStorageSpace", Map.of("DBInstanceIdentifier", env + "-db"))
          .register(
              "AWS/SQS",
              "ApproximateNumberOfMessagesVisible",
              Map.of("QueueName", env + "-email-dlq"));
      Map<String, String> targetGroup = new LinkedHashMap<>();
      targetGroup.put("TargetGroup", "targetgroup/" + env + "-tg/6d0ecf831eec9f09");
      targetGroup.put("LoadBalancer", "app/" + env + "-alb/50dc6c495c0c9188");
      sim.cloudWatch().register("AWS/ApplicationELB", "HealthyHostCount", targetGroup);
    }
  }

  @AfterEach
  void stop() {
    cw.close();
    sim.close();
  }

  @Test
  void listsWhatWasRegisteredWithDimensionsIntact() {
    ListMetricsResponse all = cw.listMetrics();
    assertThat(all.metrics()).hasSize(12);
    assertThat(all.nextToken()).isNull();
    Metric healthy =
        all.metrics().stream()
            .filter(m -> m.metricName().equals("HealthyHostCount"))
            .findFirst()
            .orElseThrow();
    assertThat(healthy.namespace()).isEqualTo("AWS/ApplicationELB");
    assertThat(healthy.dimensions())
        .containsExactly(
            Dimension.builder()
                .name("TargetGroup")
                .value("targetgroup/prod-tg/6d0ecf831eec9f09")
                .build(),
            Dimension.builder()
                .name("LoadBalancer")
                .value("app/prod-alb/50dc6c495c0c9188")
                .build());
  }

  @Test
  void registeringTwiceKeepsOne() {
    sim.cloudWatch()
        .register("AWS/RDS", "CPUUtilization", Map.of("DBInstanceIdentifier", "prod-db"));
    assertThat(sim.cloudWatch().registered()).hasSize(12);
  }

  @Test
  void filtersByNamespaceNameAndDimensions() {
    assertThat(cw.listMetrics(r -> r.namespace("AWS/RDS")).metrics()).hasSize(6);
    assertThat(cw.listMetrics(r -> r.namespace("AWS/RDS").metricName("CPUUtilization")).metrics())
        .extracting(m -> m.dimensions().get(0).value())
        .containsExactly("prod-db", "staging-db", "dev-db");
    assertThat(
            cw.listMetrics(
                    r ->
                        r.metricName("CPUUtilization")
                            .dimensions(filter("DBInstanceIdentifier", "staging-db")))
                .metrics())
        .singleElement()
        .satisfies(m -> assertThat(m.dimensions().get(0).value()).isEqualTo("staging-db"));
    // a filter without a value matches every metric having that dimension
    assertThat(
            cw.listMetrics(
                    r -> r.dimensions(DimensionFilter.builder().name("LoadBalancer").build()))
                .metrics())
        .hasSize(3)
        .allSatisfy(m -> assertThat(m.metricName()).isEqualTo("HealthyHostCount"));
    // several filters must all match
    assertThat(
            cw.listMetrics(
                    r ->
                        r.dimensions(
                            filter("LoadBalancer", "app/dev-alb/50dc6c495c0c9188"),
                            DimensionFilter.builder().name("TargetGroup").build()))
                .metrics())
        .hasSize(1);
    assertThat(cw.listMetrics(r -> r.namespace("AWS/Lambda")).metrics()).isEmpty();
  }

  @Test
  void pagesFiveHundredAtATime() {
    for (int i = 0; i < 1200; i++) {
      sim.cloudWatch()
          .register("AWS/SQS", "NumberOfMessagesSent", Map.of("QueueName", "prod-q" + i));
    }
    sim.calls().clear();

    ListMetricsResponse first = cw.listMetrics(r -> r.metricName("NumberOfMessagesSent"));
    assertThat(first.metrics()).hasSize(500);
    assertThat(first.nextToken()).isNotBlank();

    List<Metric> all = new ArrayList<>();
    cw.listMetricsPaginator(r -> r.metricName("NumberOfMessagesSent")).metrics().forEach(all::add);
    assertThat(all).hasSize(1200).doesNotHaveDuplicates();
    assertThat(all.get(1199).dimensions().get(0).value()).isEqualTo("prod-q1199");
    assertThat(sim.calls().count("monitoring", "ListMetrics")).isEqualTo(1 + 3);

    assertThatThrownBy(
            () -> cw.listMetrics(r -> r.namespace("AWS/RDS").nextToken(first.nextToken())))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
  }

  private static DimensionFilter filter(String name, String value) {
    return DimensionFilter.builder().name(name).value(value).build();
  }
}
