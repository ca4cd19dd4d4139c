package io.stackwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.Faults.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an operator reads when AWS, or something in between, answers badly: through stackwatch's own
 * SDK clients against the simulator's faults, never the word null, and an answer without an error
 * code described by its status, service, operation and its own first words.
 */
@Tag("plain")
class AwsErrorsTest {

  private AwsSimulator sim;
  private AwsClients clients;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, Clock.systemUTC(), 7);
    clients = SimulatedClients.of(sim, new ApiCallMeter(), 1, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    clients.close();
    sim.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"GARBAGE", "EMPTY", "MALFORMED", "SERVER_ERROR", "BARE_SERVER_ERROR", "PROXY_ERROR"})
  void noFaultReadsNull(Kind kind) {
    for (String service : new String[] {"monitoring", "ce", "sns"}) {
      sim.faults().clear();
      sim.faults().add(service, null, kind, Duration.ZERO);
      SdkException e = failure(service);
      if (e != null) {
        assertThat(AwsErrors.describe(e))
            .as("%s %s", kind, service)
            .isNotBlank()
            .doesNotContainPattern("(?i)\\bnull\\b");
      }
    }
  }

  @Test
  void anEmpty500NamesStatusServiceOperationAndStatusText() {
    sim.faults().bareServerError("monitoring", "GetMetricData");
    sim.faults().bareServerError("ce", "GetCostAndUsage");
    sim.faults().bareServerError("sns", "Publish");

    assertThat(AwsErrors.describe(failure("monitoring")))
        .isEqualTo("HTTP 500 from CloudWatch GetMetricData: Internal Server Error");
    assertThat(AwsErrors.describe(failure("ce")))
        .isEqualTo("HTTP 500 from CostExplorer GetCostAndUsage: Internal Server Error");
    assertThat(AwsErrors.describe(failure("sns")))
        .isEqualTo("HTTP 500 from Sns Publish: Internal Server Error");
  }

  @Test
  void aProxysHtmlPageIsReadForItsWords() {
    sim.faults().proxyError("monitoring", "GetMetricData");

    assertThat(AwsErrors.describe(failure("monitoring")))
        .isEqualTo("HTTP 502 from CloudWatch GetMetricData: 502 Bad Gateway");
  }

  @Test
  void aServiceErrorKeepsAwsCodeAndMessage() {
    sim.faults().serverError("monitoring", "GetMetricData");

    assertThat(AwsErrors.describe(failure("monitoring")))
        .isEqualTo("InternalServiceError: Internal service error (HTTP 500)");
  }

  @Test
  void aClientFailureSaysItsFirstLineOnly() {
    sim.faults().garbage("ce", "GetCostAndUsage");

    assertThat(AwsErrors.describe(failure("ce")))
        .startsWith("SdkClientException: Unable to unmarshall response")
        .doesNotContain("\n");
  }

  /** The failure of one call to the service, or null if it answered. */
  private SdkException failure(String service) {
    Consumer<Void> call =
        v -> {
          switch (service) {
            case "monitoring" ->
                clients
                    .cloudWatch(SimulatedClients.US_EAST_1)
                    .getMetricData(
                        b ->
                            b.startTime(Instant.now().minusSeconds(600))
                                .endTime(Instant.now())
                                .metricDataQueries(
                                    q ->
                                        q.id("cpu")
                                            .metricStat(
                                                s ->
                                                    s.stat("Average")
                                                        .period(60)
                                                        .metric(
                                                            m ->
                                                                m.namespace("AWS/RDS")
                                                                    .metricName(
                                                                        "CPUUtilization")))));
            case "ce" ->
                clients
                    .costExplorer(SimulatedClients.US_EAST_1)
                    .getCostAndUsage(
                        b ->
                            b.timePeriod(p -> p.start("2026-01-01").end("2026-01-02"))
                                .granularity("DAILY")
                                .metrics("UnblendedCost"));
            default ->
                clients
                    .sns(SimulatedClients.US_EAST_1)
                    .publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:t").message("m"));
          }
        };
    return catchThrowableOfType(SdkException.class, () -> call.accept(null));
  }
}
