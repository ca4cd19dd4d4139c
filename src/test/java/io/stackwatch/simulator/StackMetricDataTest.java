package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.HOUR_AGO;
import static io.stackwatch.simulator.SimulatorFixture.lastHourValues;
import static io.stackwatch.simulator.SimulatorFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.simulator.StackResource.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** GetMetricData for resources the stack holds: their environment comes from the stack. */
@Tag("simulator")
class StackMetricDataTest {

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
  void aResourceTheStackHoldsIsSizedByItsEnvironmentNotItsName() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);

    double prod = mean(connections("acme-orders-db-7"));
    double dev = mean(connections("tinker-pg-1"));
    // Connections follow traffic: prod full size, dev a tenth.
    assertThat(prod).isGreaterThan(5 * dev);
    assertThat(sim.cloudWatch().model().series(metric("acme-orders-db-7")).resource())
        .satisfies(
            r -> {
              assertThat(r.environment()).isEqualTo("prod");
              assertThat(r.scale()).isEqualTo(1.0);
            });
    // Environments without a convention still get the storage of their size.
    assertThat(sim.cloudWatch().model().series(metric("ledger-pg-2")).resource().environment())
        .isEqualTo("staging");
  }

  @Test
  void theSeedStackGivesTheSameNumbersAsTheNamePrefixDid() {
    MetricModel byName = new MetricModel(SimulatorFixture.SEED);
    for (String name : List.of("prod-db", "staging-db", "dev-db")) {
      for (long t = HOUR_AGO.getEpochSecond(); t < HOUR_AGO.getEpochSecond() + 600; t += 60) {
        assertThat(sim.cloudWatch().model().value(metric(name), avg(), 60, t))
            .isEqualTo(byName.value(metric(name), avg(), 60, t));
      }
    }
  }

  @Test
  void aDeadLetterQueueIsTheOneTheRedrivePolicyNames() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    sim.cloudWatch().scenarios().play("dlq-filling", "prod", HOUR_AGO);

    MetricDataQuery failed = visible("jobs-failed");
    MetricDataQuery jobs = visible("jobs");
    assertThat(lastHourValues(cw, failed)).startsWith(3.0, 6.0, 9.0);
    assertThat(lastHourValues(cw, jobs).subList(0, 3)).isNotEqualTo(List.of(3.0, 6.0, 9.0));
    assertThat(sim.cloudWatch().model().series(queueMetric("jobs-failed")).resource())
        .satisfies(r -> assertThat(r.isDeadLetterQueue()).isTrue());
    assertThat(sim.cloudWatch().model().series(queueMetric("jobs")).resource())
        .satisfies(r -> assertThat(r.isDeadLetterQueue()).isFalse());
  }

  @Test
  void anEndpointWeDidNotWriteHasNoDataForNamesItNeverSaw() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    assertThat(connections("prod-db")).isEmpty();
    assertThat(connections("acme-orders-db-7")).hasSize(60);

    // A metric registered by hand counts as existing.
    sim.cloudWatch()
        .register("AWS/RDS", "DatabaseConnections", Map.of("DBInstanceIdentifier", "prod-db"));
    assertThat(connections("prod-db")).hasSize(60);

    // And today's make-believe is one switch away.
    sim.cloudWatch().answersUnknownResources(true);
    assertThat(connections("qa-db")).hasSize(60);
  }

  @Test
  void theSeedStyleAnswersAnyNameAsBefore() {
    assertThat(connections("env042-db")).hasSize(60);
    assertThat(sim.cloudWatch().model().series(metric("env042-db")).resource().environment())
        .isEqualTo("env042");
  }

  @Test
  void resourcesAddedAtRunTimeHaveDataAndRemovedOnesNone() {
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    assertThat(connections("reporting-replica")).isEmpty();

    sim.stack().add("prod", Kind.RDS_INSTANCE, "reporting-replica");
    assertThat(connections("reporting-replica")).hasSize(60);
    assertThat(
            sim.cloudWatch().model().series(metric("reporting-replica")).resource().environment())
        .isEqualTo("prod");

    sim.stack().remove("prod", Kind.RDS_INSTANCE, "reporting-replica");
    assertThat(connections("reporting-replica")).isEmpty();

    // Even in the seed style, where any name has data, a removed resource has none.
    sim.stack().naming(SimulatedStack.Naming.SEED);
    sim.stack().remove("prod", Kind.RDS_INSTANCE, "prod-db");
    assertThat(connections("prod-db")).isEmpty();
    assertThat(connections("staging-db")).hasSize(60);
  }

  private List<Double> connections(String db) {
    return lastHourValues(
        cw,
        query("c", "AWS/RDS", "DatabaseConnections", "Average", 60, "DBInstanceIdentifier", db));
  }

  private static MetricDataQuery visible(String queue) {
    return query(
        "v", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", 60, "QueueName", queue);
  }

  private static MetricId metric(String db) {
    return MetricId.of("AWS/RDS", "DatabaseConnections", Map.of("DBInstanceIdentifier", db));
  }

  private static MetricId queueMetric(String queue) {
    return MetricId.of("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", queue));
  }

  private static Stat avg() {
    return Stat.parse("Average");
  }

  private static double mean(List<Double> values) {
    assertThat(values).isNotEmpty();
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
