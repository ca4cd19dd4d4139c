package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.NOW;
import static io.stackwatch.simulator.SimulatorFixture.query;
import static io.stackwatch.simulator.SimulatorFixture.rdsCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Each scenario over the last 30 minutes, played from 20 minutes ago: minutes 11:40-11:59, with
 * 11:30-11:39 as the normal baseline before it.
 */
@Tag("simulator")
class ScenariosTest {

  private static final Instant HALF_HOUR_AGO = NOW.minus(Duration.ofMinutes(30));
  private static final Instant STARTED = NOW.minus(Duration.ofMinutes(20));

  private TestClock clock;
  private AwsSimulator sim;
  private CloudWatchClient cw;

  @BeforeEach
  void start() {
    clock = new TestClock(NOW);
    sim = AwsSimulator.start(0, clock, SimulatorFixture.SEED);
    cw = SimulatorFixture.clientWithoutRetries(sim);
  }

  @AfterEach
  void stop() {
    cw.close();
    sim.close();
  }

  @Test
  void cpuSpikeHoldsProdDatabaseAboveEightyForTenMinutesOnly() {
    List<Double> before = values(rdsCpu("prod", "prod-db"));
    List<Double> stagingBefore = values(rdsCpu("staging", "staging-db"));
    MetricDataQuery connections =
        query(
            "conn",
            "AWS/RDS",
            "DatabaseConnections",
            "Average",
            60,
            "DBInstanceIdentifier",
            "prod-db");
    List<Double> connectionsBefore = values(connections);

    sim.cloudWatch().scenarios().play("cpu-spike", "prod", STARTED);

    List<Double> after = values(rdsCpu("prod", "prod-db"));
    assertThat(after.subList(0, 10)).isEqualTo(before.subList(0, 10));
    assertThat(after.subList(10, 20)).allSatisfy(v -> assertThat(v).isGreaterThan(80.0));
    assertThat(after.subList(10, 13)).containsExactly(91.0, 88.0, 85.0);
    assertThat(after.subList(20, 30))
        .isEqualTo(before.subList(20, 30))
        .allSatisfy(v -> assertThat(v).isLessThan(50.0));
    assertThat(
            values(
                    query(
                        "max",
                        "AWS/RDS",
                        "CPUUtilization",
                        "Maximum",
                        60,
                        "DBInstanceIdentifier",
                        "prod-db"))
                .subList(10, 20))
        .allSatisfy(v -> assertThat(v).isGreaterThan(80.0));
    assertThat(values(rdsCpu("staging", "staging-db"))).isEqualTo(stagingBefore);
    assertThat(values(connections)).isEqualTo(connectionsBefore);
  }

  @Test
  void cpuSpikeShowsInAFiveMinuteAverageToo() {
    sim.cloudWatch().scenarios().play("cpu-spike", "prod", STARTED);
    List<Double> fiveMinutes =
        values(
            query(
                "cpu",
                "AWS/RDS",
                "CPUUtilization",
                "Average",
                300,
                "DBInstanceIdentifier",
                "prod-db"));
    // 11:30, 11:35 normal; 11:40, 11:45 spiking; 11:50, 11:55 normal
    assertThat(fiveMinutes).hasSize(6);
    assertThat(fiveMinutes.subList(2, 4)).allSatisfy(v -> assertThat(v).isGreaterThan(80.0));
    assertThat(
            List.of(fiveMinutes.get(0), fiveMinutes.get(1), fiveMinutes.get(4), fiveMinutes.get(5)))
        .allSatisfy(v -> assertThat(v).isLessThan(50.0));
  }

  @Test
  void evictionsGrowEveryMinuteWhileTheScenarioPlays() {
    MetricDataQuery evictions =
        query("ev", "AWS/ElastiCache", "Evictions", "Sum", 60, "CacheClusterId", "prod-redis-001");
    MetricDataQuery stagingEvictions =
        query(
            "sev",
            "AWS/ElastiCache",
            "Evictions",
            "Sum",
            60,
            "CacheClusterId",
            "staging-redis-001");
    assertThat(values(evictions)).containsOnly(0.0);

    sim.cloudWatch().scenarios().play("evictions-growing", "prod", STARTED);

    List<Double> during = values(evictions);
    assertThat(during.subList(0, 10)).containsOnly(0.0);
    assertThat(during.subList(10, 13)).containsExactly(5.0, 10.0, 15.0);
    for (int i = 10; i < 30; i++) {
      assertThat(during.get(i)).isGreaterThan(during.get(i - 1));
    }
    assertThat(values(stagingEvictions)).containsOnly(0.0);

    sim.cloudWatch().scenarios().stop("evictions-growing", "prod");
    assertThat(values(evictions)).containsOnly(0.0);
  }

  @Test
  void fiveXxBurstHitsApiGatewayAndTheLoadBalancersTargets() {
    MetricDataQuery api =
        query(
            "api",
            "AWS/ApiGateway",
            "5xx",
            "Sum",
            60,
            "ApiId",
            "prod-http-api",
            "Stage",
            "$default");
    MetricDataQuery target =
        query(
            "tgt",
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            "Sum",
            60,
            "LoadBalancer",
            "app/prod-alb/50dc6c495c0c9188");
    MetricDataQuery elb =
        query(
            "elb",
            "AWS/ApplicationELB",
            "HTTPCode_ELB_5XX_Count",
            "Sum",
            60,
            "LoadBalancer",
            "app/prod-alb/50dc6c495c0c9188");
    MetricDataQuery count =
        query(
            "cnt",
            "AWS/ApiGateway",
            "Count",
            "Sum",
            60,
            "ApiId",
            "prod-http-api",
            "Stage",
            "$default");
    List<Double> apiBefore = values(api);
    List<Double> elbBefore = values(elb);
    List<Double> countBefore = values(count);
    assertThat(apiBefore).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(2.0)); // a trickle

    sim.cloudWatch().scenarios().play("5xx-burst", "prod", STARTED);

    List<Double> apiDuring = values(api);
    assertThat(apiDuring.subList(10, 20)).allSatisfy(v -> assertThat(v).isBetween(45.0, 55.0));
    assertThat(apiDuring.subList(20, 30)).isEqualTo(apiBefore.subList(20, 30));
    assertThat(values(target).subList(10, 20))
        .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(30.0));
    assertThat(values(elb)).isEqualTo(elbBefore);
    assertThat(values(count)).isEqualTo(countBefore);
  }

  @Test
  void dlqFillingGrowsOnlyTheDeadLetterQueues() {
    MetricDataQuery dlq = sqsVisible("dlq", "prod-processing-dlq");
    MetricDataQuery emailDlq = sqsVisible("edlq", "prod-email-dlq");
    MetricDataQuery queue = sqsVisible("q", "prod-processing");
    MetricDataQuery stagingDlq = sqsVisible("sdlq", "staging-processing-dlq");
    List<Double> queueBefore = values(queue);
    assertThat(values(dlq)).containsOnly(0.0);

    sim.cloudWatch().scenarios().play("dlq-filling", "prod", STARTED);

    List<Double> during = values(dlq);
    assertThat(during.subList(0, 10)).containsOnly(0.0);
    assertThat(during.subList(10, 14)).containsExactly(3.0, 6.0, 9.0, 12.0);
    assertThat(during.get(29)).isEqualTo(60.0);
    assertThat(values(emailDlq)).isEqualTo(during);
    assertThat(values(queue)).isEqualTo(queueBefore);
    assertThat(values(stagingDlq)).containsOnly(0.0);
  }

  @Test
  void playWithoutAStartBeginsAtTheSimulatorsNow() {
    MetricDataQuery dlq = sqsVisible("dlq", "prod-processing-dlq");
    sim.cloudWatch().scenarios().play("dlq-filling", "prod");
    assertThat(values(dlq)).containsOnly(0.0); // nothing complete since it started

    clock.advance(Duration.ofMinutes(3));
    List<Double> later =
        cw.getMetricData(
                r ->
                    r.startTime(NOW.minus(Duration.ofMinutes(5)))
                        .endTime(clock.instant())
                        .scanBy("TimestampAscending")
                        .metricDataQueries(dlq))
            .metricDataResults()
            .get(0)
            .values();
    assertThat(later).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 6.0, 9.0);
  }

  @Test
  void clearEndsEveryScenarioAndUnknownNamesAreRefused() {
    sim.cloudWatch().scenarios().play("cpu-spike", "prod", STARTED);
    sim.cloudWatch().scenarios().play("dlq-filling", "staging", STARTED);
    assertThat(sim.cloudWatch().scenarios().playing())
        .containsExactly("cpu-spike@prod", "dlq-filling@staging");
    sim.cloudWatch().scenarios().clear();
    assertThat(values(rdsCpu("prod", "prod-db"))).allSatisfy(v -> assertThat(v).isLessThan(50.0));

    assertThatThrownBy(() -> sim.cloudWatch().scenarios().play("meteor-strike", "prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meteor-strike")
        .hasMessageContaining("cpu-spike, evictions-growing, 5xx-burst, dlq-filling");
  }

  private static MetricDataQuery sqsVisible(String id, String queue) {
    return query(
        id, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", 60, "QueueName", queue);
  }

  /** The last 30 minutes, oldest first. */
  private List<Double> values(MetricDataQuery query) {
    MetricDataResult result =
        cw.getMetricData(
                r ->
                    r.startTime(HALF_HOUR_AGO)
                        .endTime(NOW)
                        .scanBy("TimestampAscending")
                        .metricDataQueries(query))
            .metricDataResults()
            .get(0);
    return result.values();
  }
}
