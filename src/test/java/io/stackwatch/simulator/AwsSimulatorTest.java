package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.lastHour;
import static io.stackwatch.simulator.SimulatorFixture.rdsCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

@Tag("simulator")
class AwsSimulatorTest {

  @Test
  void listensOnLoopbackAndStopsOnClose() throws IOException, InterruptedException {
    URI endpoint;
    try (AwsSimulator sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), 1)) {
      endpoint = sim.endpoint();
      assertThat(endpoint.getScheme()).isEqualTo("http");
      assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
      assertThat(endpoint.getPort()).isPositive();
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString("")).build();
    assertThatThrownBy(
            () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void unsignedRequestsAreRefused() throws IOException, InterruptedException {
    try (AwsSimulator sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), 1)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(sim.endpoint())
                      .POST(HttpRequest.BodyPublishers.ofString("Action=ListMetrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("<Code>UnknownService</Code>").contains("Authorization");
      assertThat(sim.calls().all())
          .singleElement()
          .satisfies(c -> assertThat(c.service()).isEmpty());
    }
  }

  @Test
  void aBodyThatIsNotAValidFormIsASenderError() throws IOException, InterruptedException {
    try (AwsSimulator sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), 1)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(sim.endpoint())
                      .header(
                          "Authorization",
                          "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/monitoring/aws4_request,"
                              + " SignedHeaders=host, Signature=0")
                      .POST(HttpRequest.BodyPublishers.ofString("Action=ListMetrics&Namespace=%zz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body())
          .startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
          .contains("<Code>MalformedQueryString</Code>");
      assertThat(sim.calls().all())
          .singleElement()
          .satisfies(c -> assertThat(c.errorCode()).isEqualTo("MalformedQueryString"));
    }
  }

  @Test
  void concurrentCallsAreAllAnsweredAndLogged() throws Exception {
    try (AwsSimulator sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), 1);
        CloudWatchClient cw = SimulatorFixture.clientWithoutRetries(sim)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String db = "prod-db-" + i;
        answers.add(
            pool.submit(
                () ->
                    cw.getMetricData(lastHour(rdsCpu("cpu", db)))
                        .metricDataResults()
                        .get(0)
                        .values()
                        .size()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(60);
      }
      pool.shutdown();
      assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo(200);
      assertThat(sim.calls().all())
          .hasSize(200)
          .allSatisfy(c -> assertThat(c.at()).isEqualTo(SimulatorFixture.NOW));
    }
  }

  @Test
  void callLogKeepsRecentCallsButCountsAll() {
    CallLog log = new CallLog();
    for (int i = 0; i < CallLog.KEPT + 5; i++) {
      log.record(new CallLog.Call(Instant.EPOCH, "monitoring", "GetMetricData", 200, 500, null));
    }
    log.record(new CallLog.Call(Instant.EPOCH, "monitoring", "ListMetrics", 200, 0, null));
    assertThat(log.all()).hasSize(CallLog.KEPT);
    assertThat(log.all().get(CallLog.KEPT - 1).operation()).isEqualTo("ListMetrics");
    assertThat(log.count("monitoring", "GetMetricData")).isEqualTo(CallLog.KEPT + 5);
    assertThat(log.queriesRequested("monitoring", "GetMetricData"))
        .isEqualTo(500L * (CallLog.KEPT + 5));
    assertThat(log.count("sns", "Publish")).isZero();
    log.clear();
    assertThat(log.all()).isEmpty();
    assertThat(log.count("monitoring", "GetMetricData")).isZero();
  }

  @Test
  void callLogCountsOperationsApartOnlyUpToItsLimit() {
    CallLog log = new CallLog();
    log.record(new CallLog.Call(Instant.EPOCH, "monitoring", "GetMetricData", 200, 1, null));
    for (int i = 0; i < CallLog.OPERATIONS + 10; i++) {
      log.record(new CallLog.Call(Instant.EPOCH, "monitoring", "Made" + i, 400, 0, "x"));
    }
    log.record(new CallLog.Call(Instant.EPOCH, "monitoring", "GetMetricData", 200, 1, null));
    assertThat(log.count("monitoring", "GetMetricData")).isEqualTo(2);
    assertThat(log.count("monitoring", "Made0")).isEqualTo(1);
    assertThat(log.count("monitoring", "Made" + (CallLog.OPERATIONS + 9))).isZero();
    assertThat(log.count("monitoring", CallLog.OTHER)).isEqualTo(11);
  }
}
