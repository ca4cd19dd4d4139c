package io.stackwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.stackwatch.aws.ApiCallMeter.Operation;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.CallLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;

/**
 * The meter counts what AWS bills: every HTTP attempt, retries included, each with its own outcome
 * and priced for the metrics it asked; through stackwatch's own clients and the simulator.
 */
@Tag("plain")
class ApiCallMeterTest {

  private static final Operation GET_METRIC_DATA = new Operation("CloudWatch", "GetMetricData");
  private static final Operation GET_COST = new Operation("CostExplorer", "GetCostAndUsage");

  private AwsSimulator sim;
  private ApiCallMeter meter;
  private AwsClients clients;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, Clock.systemUTC(), 7);
    meter = new ApiCallMeter();
    clients = SimulatedClients.of(sim, meter, 3, Duration.ofMillis(700));
  }

  @AfterEach
  void stop() {
    clients.close();
    sim.close();
  }

  @Test
  void aGetMetricDataThatTimedOutTwiceThenSucceededIsThreeBilledRequests() {
    sim.faults().delay("monitoring", "GetMetricData", Duration.ofMillis(2000)).times(2);

    clients.cloudWatch(SimulatedClients.US_EAST_1).getMetricData(twoMetrics());

    assertThat(outcomes(GET_METRIC_DATA)).isEqualTo(Map.of("timeout", 2L, "success", 1L));
    assertThat(meter.metricsRequested(GET_METRIC_DATA)).isEqualTo(6);
    assertThat(meter.costs().get(GET_METRIC_DATA))
        .isCloseTo(3 * AwsPrices.price("CloudWatch", "GetMetricData", 2), within(1e-12));
    assertThat(meter.totalCostUsd()).isCloseTo(6 * 0.01 / 1000, within(1e-12));
  }

  @Test
  void everyAttemptKeepsItsOwnOutcome() {
    sim.faults().throttle("monitoring", "GetMetricData").times(1);
    sim.faults().serverError("monitoring", "GetMetricData").times(1);

    clients.cloudWatch(SimulatedClients.US_EAST_1).getMetricData(twoMetrics());

    assertThat(sim.calls().all()).extracting(CallLog.Call::status).containsExactly(400, 500, 200);
    assertThat(outcomes(GET_METRIC_DATA))
        .isEqualTo(Map.of("throttled", 1L, "server_error", 1L, "success", 1L));
    assertThat(meter.successes(GET_METRIC_DATA)).isEqualTo(1);
    assertThat(meter.metricsRequested(GET_METRIC_DATA)).isEqualTo(6);
  }

  @Test
  void aCallThatFailsEveryAttemptCountsEachAndARefusalOnce() {
    sim.faults().serverError("monitoring", "GetMetricData").times(3);
    assertThatThrownBy(
            () -> clients.cloudWatch(SimulatedClients.US_EAST_1).getMetricData(twoMetrics()))
        .isNotNull();
    sim.faults().reject("monitoring", "GetMetricData").times(1);
    assertThatThrownBy(
            () -> clients.cloudWatch(SimulatedClients.US_EAST_1).getMetricData(twoMetrics()))
        .isNotNull();

    assertThat(outcomes(GET_METRIC_DATA)).isEqualTo(Map.of("server_error", 3L, "client_error", 1L));
    assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo(4);
  }

  @Test
  void aRequestToldItsAttemptsLearnsThemAndIsHeldToThem() {
    ApiCallMeter.Attempts attempts = new ApiCallMeter.Attempts(5, "test");
    sim.faults().serverError("ce", "GetCostAndUsage").times(1);

    clients.costExplorer(SimulatedClients.US_EAST_1).getCostAndUsage(costs(attempts));

    assertThat(attempts.sent()).isEqualTo(2);
    assertThat(outcomes(GET_COST)).isEqualTo(Map.of("server_error", 1L, "success", 1L));

    // Room for one attempt only: the retry is not sent, and nothing unsent is counted.
    ApiCallMeter.Attempts one = new ApiCallMeter.Attempts(1, "the daily cap");
    sim.faults().serverError("ce", "GetCostAndUsage").times(1);
    // What an operator reads: the answer the last attempt got, then why it was not retried.
    assertThat(
            AwsErrors.describe(
                catchThrowableOfType(
                    SdkClientException.class,
                    () ->
                        clients
                            .costExplorer(SimulatedClients.US_EAST_1)
                            .getCostAndUsage(costs(one)))))
        .isEqualTo(
            "HTTP 500 from CostExplorer GetCostAndUsage: We encountered an internal error. Please"
                + " try again; not retried: the daily cap is reached (1 request)");
    assertThat(one.sent()).isEqualTo(1);
    assertThat(sim.calls().count("ce", "GetCostAndUsage")).isEqualTo(3);
    assertThat(outcomes(GET_COST)).isEqualTo(Map.of("server_error", 2L, "success", 1L));
  }

  private Map<String, Long> outcomes(Operation op) {
    return meter.calls().stream()
        .filter(c -> c.key().operation().equals(op))
        .collect(Collectors.toMap(c -> c.key().outcome(), ApiCallMeter.CallCount::count));
  }

  private static GetMetricDataRequest twoMetrics() {
    Instant now = Instant.now();
    return GetMetricDataRequest.builder()
        .startTime(now.minusSeconds(600))
        .endTime(now)
        .metricDataQueries(
            q ->
                q.id("cpu")
                    .metricStat(
                        s ->
                            s.stat("Average")
                                .period(60)
                                .metric(m -> m.namespace("AWS/RDS").metricName("CPUUtilization"))),
            q ->
                q.id("conn")
                    .metricStat(
                        s ->
                            s.stat("Average")
                                .period(60)
                                .metric(
                                    m -> m.namespace("AWS/RDS").metricName("DatabaseConnections"))))
        .build();
  }

  private static GetCostAndUsageRequest costs(ApiCallMeter.Attempts attempts) {
    return GetCostAndUsageRequest.builder()
        .timePeriod(p -> p.start("2026-01-01").end("2026-01-02"))
        .granularity("DAILY")
        .metrics("UnblendedCost")
        .overrideConfiguration(o -> o.putExecutionAttribute(ApiCallMeter.ATTEMPTS, attempts))
        .build();
  }
}
