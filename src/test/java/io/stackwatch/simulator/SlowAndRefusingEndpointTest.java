package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.lastHour;
import static io.stackwatch.simulator.SimulatorFixture.query;
import static io.stackwatch.simulator.SimulatorFixture.rdsCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** GetMetricData from endpoints we did not write: slow in proportion, or refusing a statistic. */
@Tag("simulator")
class SlowAndRefusingEndpointTest {

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
  void theAnswerTimeGrowsWithTheDatapointsAsked() {
    sim.cloudWatch().answerTime(Duration.ofMillis(500));
    // 60 one-minute points, then 4 queries of a day at one minute: 5,760 points.
    long small = timed(() -> cw.getMetricData(lastHour(rdsCpu("a", "prod-db"))));
    GetMetricDataRequest day =
        GetMetricDataRequest.builder()
            .startTime(SimulatorFixture.NOW.minus(Duration.ofDays(1)))
            .endTime(SimulatorFixture.NOW)
            .metricDataQueries(
                rdsCpu("a", "prod-db"),
                rdsCpu("b", "staging-db"),
                rdsCpu("c", "dev-db"),
                rdsCpu("d", "qa-db"))
            .build();
    long big = timed(() -> cw.getMetricData(day));

    assertThat(small).isLessThan(1_000);
    assertThat(big).isGreaterThanOrEqualTo(2_880);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::status, CallLog.Call::answerTime)
        .containsExactly(tuple(200, Duration.ofMillis(30)), tuple(200, Duration.ofMillis(2_880)));
  }

  @Test
  void theFormulaIsTheSumOfEachQuerysWindowOverItsPeriod() {
    QueryForm form =
        QueryForm.parse(
            "Action=GetMetricData&StartTime=2026-11-26T11:00:00Z&EndTime=2026-11-26T12:00:00Z"
                + "&MetricDataQueries.member.1.MetricStat.Period=60"
                + "&MetricDataQueries.member.2.MetricStat.Period=300"
                + "&MetricDataQueries.member.3.MetricStat.Period=7");
    // 60 + 12 + 515 (3600 / 7 rounded up)
    assertThat(CloudWatchHandler.datapointsAsked(form)).isEqualTo(60 + 12 + 515);
  }

  @Test
  void theClientsAttemptTimeoutCutsASlowAnswerOffAndTheLogShowsIt() {
    sim.cloudWatch().answerTime(Duration.ofSeconds(60), Duration.ofSeconds(3));
    try (CloudWatchClient impatient =
        SimulatorFixture.client(
            sim,
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallAttemptTimeout(Duration.ofMillis(400)))) {
      assertThatThrownBy(() -> impatient.getMetricData(lastHour(rdsCpu("a", "prod-db"))))
          .isInstanceOf(ApiCallAttemptTimeoutException.class);
    }
    // Logged before it was held, with the status it would have had and its bounded answer time.
    assertThat(sim.calls().all())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.operation()).isEqualTo("GetMetricData");
              assertThat(c.status()).isEqualTo(200);
              assertThat(c.answerTime()).isEqualTo(Duration.ofSeconds(3));
            });
  }

  @Test
  void loweringTheAnswerTimeReleasesHeldAnswers() throws Exception {
    sim.cloudWatch().answerTime(Duration.ofSeconds(60), Duration.ofSeconds(30));
    long started = System.nanoTime();
    CompletableFuture<GetMetricDataResponse> held =
        CompletableFuture.supplyAsync(() -> cw.getMetricData(lastHour(rdsCpu("a", "prod-db"))));
    while (sim.calls().count("monitoring", "GetMetricData") == 0) {
      Thread.sleep(10);
    }
    sim.cloudWatch().answerTime(Duration.ZERO);
    assertThat(held.get(5, TimeUnit.SECONDS).metricDataResults().get(0).values()).hasSize(60);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
  }

  @Test
  void otherOperationsAndFailedRequestsAreNotHeld() {
    sim.cloudWatch().answerTime(Duration.ofSeconds(60));
    long listed = timed(() -> cw.listMetrics());
    long refused =
        timed(
            () ->
                assertThatThrownBy(
                        () ->
                            cw.getMetricData(
                                r ->
                                    r.startTime(SimulatorFixture.NOW)
                                        .endTime(SimulatorFixture.HOUR_AGO)
                                        .metricDataQueries(rdsCpu("a", "prod-db"))))
                    .isInstanceOf(CloudWatchException.class));
    assertThat(listed).isLessThan(1_000);
    assertThat(refused).isLessThan(1_000);
    assertThat(sim.calls().all()).allSatisfy(c -> assertThat(c.answerTime()).isZero());
  }

  @Test
  void aRefusedStatisticFailsTheRequestsHoldingItWithA500() {
    sim.cloudWatch().refuseStatistic("p99");
    MetricDataQuery p99 =
        query(
            "p",
            "AWS/ApiGateway",
            "Latency",
            "p99",
            60,
            "ApiId",
            "prod-http-api",
            "Stage",
            "$default");

    assertThatThrownBy(() -> cw.getMetricData(lastHour(rdsCpu("a", "prod-db"), p99)))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServiceError");
            });
    // Requests without it are answered, other percentiles too.
    assertThat(cw.getMetricData(lastHour(rdsCpu("a", "prod-db"))).metricDataResults())
        .singleElement()
        .satisfies(r -> assertThat(r.values()).hasSize(60));
    assertThat(
            cw.getMetricData(
                    lastHour(
                        query(
                            "p",
                            "AWS/ApiGateway",
                            "Latency",
                            "p90",
                            60,
                            "ApiId",
                            "prod-http-api",
                            "Stage",
                            "$default")))
                .metricDataResults())
        .hasSize(1);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple(500, "InternalServiceError"), tuple(200, null), tuple(200, null));

    sim.cloudWatch().acceptAllStatistics();
    assertThat(cw.getMetricData(lastHour(p99)).metricDataResults()).hasSize(1);
  }

  @Test
  void aRefusalCanBeAValidationError() {
    sim.cloudWatch().refuseStatistic("SampleCount", 400);
    MetricDataQuery count =
        query(
            "n", "AWS/RDS", "CPUUtilization", "SampleCount", 60, "DBInstanceIdentifier", "prod-db");
    assertThatThrownBy(() -> cw.getMetricData(lastHour(rdsCpu("a", "prod-db"), count)))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("MetricDataQueries.member.2.MetricStat.Stat");
            });
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple(400, "InvalidParameterValue"));
  }

  @Test
  void aRefusedStatisticIsRetriedByTheSdkAsAServerError() {
    sim.cloudWatch().refuseStatistic("p99");
    try (CloudWatchClient retrying = SimulatorFixture.client(sim)) {
      MetricDataQuery p99 =
          query("p", "AWS/RDS", "ReadLatency", "p99", 60, "DBInstanceIdentifier", "prod-db");
      assertThatThrownBy(() -> retrying.getMetricData(lastHour(p99)))
          .isInstanceOf(CloudWatchException.class);
    }
    assertThat(sim.calls().all())
        .hasSizeGreaterThan(1)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(500));
  }

  private static long timed(Runnable call) {
    Instant start = Instant.now();
    call.run();
    return Duration.between(start, Instant.now()).toMillis();
  }
}
