package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.lastHour;
import static io.stackwatch.simulator.SimulatorFixture.rdsCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;

@Tag("simulator")
class FaultsTest {

  private static final GetMetricDataRequest CPU = lastHour(rdsCpu("cpu", "prod-db"));

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
  void throttleAnswersThrottlingUntilCleared() {
    sim.faults().throttle("monitoring", "GetMetricData");

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> cw.getMetricData(CPU))
          .isInstanceOfSatisfying(
              CloudWatchException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(e.isThrottlingException()).isTrue();
              });
    }
    sim.faults().clear();
    assertThat(cw.getMetricData(CPU).metricDataResults().get(0).values()).hasSize(60);

    assertThat(sim.calls().all())
        .extracting(CallLog.Call::operation, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(
            tuple("GetMetricData", 400, "Throttling"),
            tuple("GetMetricData", 400, "Throttling"),
            tuple("GetMetricData", 400, "Throttling"),
            tuple("GetMetricData", 200, null));
    assertThat(sim.calls().all()).allSatisfy(c -> assertThat(c.queries()).isEqualTo(1));
  }

  @Test
  void timesLimitsAFaultAndTheSdkRetriesThrottlingToSuccess() {
    sim.faults().throttle("monitoring", "GetMetricData").times(2);
    try (CloudWatchClient retrying =
        SimulatorFixture.client(
            sim,
            c ->
                c.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build()))) {
      assertThat(retrying.getMetricData(CPU).metricDataResults().get(0).values()).hasSize(60);
    }
    assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo(3);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::errorCode)
        .containsExactly("Throttling", "Throttling", null);
    assertThat(sim.faults().active()).isEmpty();
  }

  @Test
  void faultsMatchOnlyTheirOperationOrAllOperationsWhenNull() {
    sim.faults().throttle("monitoring", "ListMetrics");
    assertThat(cw.getMetricData(CPU).metricDataResults()).hasSize(1);
    assertThatThrownBy(() -> cw.listMetrics()).isInstanceOf(CloudWatchException.class);

    sim.faults().clear();
    sim.faults().serverError("monitoring", null).times(2);
    assertThatThrownBy(() -> cw.getMetricData(CPU)).isInstanceOf(InternalServiceException.class);
    assertThatThrownBy(() -> cw.listMetrics()).isInstanceOf(InternalServiceException.class);
    assertThat(cw.listMetrics().metrics()).isEmpty();

    sim.faults().throttle("sns", null);
    assertThat(cw.getMetricData(CPU).metricDataResults()).hasSize(1);
  }

  @Test
  void serverErrorAnswers500() {
    sim.faults().serverError("monitoring", "GetMetricData");

    assertThatThrownBy(() -> cw.getMetricData(CPU))
        .isInstanceOfSatisfying(
            InternalServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServiceError");
            });
    sim.faults().clear();
    assertThat(cw.getMetricData(CPU).metricDataResults()).hasSize(1);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple(500, "InternalServiceError"), tuple(200, null));
  }

  @Test
  void delayPastTheAttemptTimeoutTimesTheCallOut() throws InterruptedException {
    sim.faults().delay("monitoring", "GetMetricData", Duration.ofMillis(1500));
    try (CloudWatchClient impatient =
        SimulatorFixture.client(
            sim,
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallAttemptTimeout(Duration.ofMillis(300)))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> impatient.getMetricData(CPU))
          .isInstanceOfAny(ApiCallAttemptTimeoutException.class, ApiCallTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));

      sim.faults().clear();
      assertThat(impatient.getMetricData(CPU).metricDataResults()).hasSize(1);
    }
    // The slow call is logged when the simulator gets round to answering it.
    awaitCalls(2);
    assertThat(sim.calls().all()).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  void delayShorterThanTheTimeoutJustSlowsTheAnswer() {
    sim.faults().delay("monitoring", null, Duration.ofMillis(400)).times(1);
    long started = System.nanoTime();
    assertThat(cw.getMetricData(CPU).metricDataResults().get(0).values()).hasSize(60);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void malformedBodyFailsTheSdksParsing() {
    sim.faults().malformed("monitoring", "GetMetricData");

    assertThatThrownBy(() -> cw.getMetricData(CPU)).isInstanceOf(SdkClientException.class);
    sim.faults().clear();
    assertThat(cw.getMetricData(CPU).metricDataResults().get(0).values()).hasSize(60);
    assertThat(sim.calls().all()).extracting(CallLog.Call::status).containsExactly(200, 200);
  }

  @Test
  void unknownServiceIsRefusedByName() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
                    .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/dynamodb/aws4_request,"
                            + " SignedHeaders=host, Signature=abc")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("<Code>UnknownService</Code>").contains("'dynamodb'");
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::service, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple("dynamodb", 400, "UnknownService"));
  }

  private void awaitCalls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sim.calls().all().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sim.calls().all()).hasSize(count);
  }
}
