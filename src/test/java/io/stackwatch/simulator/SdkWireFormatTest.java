package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Records what the real SDK puts on the wire, so the parameter names the simulator reads are
 * checked against the SDK version in use rather than against documentation.
 */
class SdkWireFormatTest {

  private record Captured(String authorization, String contentType, String body) {}

  @Test
  void getMetricDataIsAFormPostWithTheseParameterNames() throws IOException {
    Captured request =
        capture(
            cw ->
                cw.getMetricData(
                    r ->
                        r.startTime(Instant.parse("2026-11-26T11:00:00Z"))
                            .endTime(Instant.parse("2026-11-26T12:00:00.500Z"))
                            .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                            .maxDatapoints(10)
                            .nextToken("a+b/c=")
                            .metricDataQueries(
                                SimulatorFixture.query(
                                        "q1",
                                        "AWS/ApplicationELB",
                                        "RequestCount",
                                        "Sum",
                                        60,
                                        "LoadBalancer",
                                        "app/prod-alb/1",
                                        "AvailabilityZone",
                                        "us-east-1a")
                                    .toBuilder()
                                    .label("Requests & more")
                                    .returnData(true)
                                    .build())));
    System.out.println("SDK GetMetricData body: " + request.body());

    assertThat(request.authorization())
        .contains("Credential=test/")
        .contains("/us-east-1/monitoring/aws4_request");
    assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
    QueryForm form = QueryForm.parse(request.body());
    String q = "MetricDataQueries.member.1.";
    assertThat(form.asMap())
        .containsEntry("Action", "GetMetricData")
        .containsEntry("Version", "2010-08-01")
        .containsEntry("StartTime", "2026-11-26T11:00:00Z")
        .containsEntry("EndTime", "2026-11-26T12:00:00.500Z")
        .containsEntry("ScanBy", "TimestampAscending")
        .containsEntry("MaxDatapoints", "10")
        .containsEntry("NextToken", "a+b/c=")
        .containsEntry(q + "Id", "q1")
        .containsEntry(q + "Label", "Requests & more")
        .containsEntry(q + "ReturnData", "true")
        .containsEntry(q + "MetricStat.Metric.Namespace", "AWS/ApplicationELB")
        .containsEntry(q + "MetricStat.Metric.MetricName", "RequestCount")
        .containsEntry(q + "MetricStat.Metric.Dimensions.member.1.Name", "LoadBalancer")
        .containsEntry(q + "MetricStat.Metric.Dimensions.member.1.Value", "app/prod-alb/1")
        .containsEntry(q + "MetricStat.Metric.Dimensions.member.2.Name", "AvailabilityZone")
        .containsEntry(q + "MetricStat.Metric.Dimensions.member.2.Value", "us-east-1a")
        .containsEntry(q + "MetricStat.Period", "60")
        .containsEntry(q + "MetricStat.Stat", "Sum");
    assertThat(form.memberCount("MetricDataQueries")).isEqualTo(1);
  }

  @Test
  void listMetricsSendsDimensionFiltersAsMembers() throws IOException {
    Captured request =
        capture(
            cw -> cw.listMetrics(r -> r.namespace("AWS/SQS").dimensions(d -> d.name("QueueName"))));
    assertThat(QueryForm.parse(request.body()).asMap())
        .containsEntry("Action", "ListMetrics")
        .containsEntry("Namespace", "AWS/SQS")
        .containsEntry("Dimensions.member.1.Name", "QueueName")
        .doesNotContainKey("Dimensions.member.1.Value");
  }

  /** Sends one SDK call to a server that records it and answers with an unparsable 500. */
  private static Captured capture(Consumer<CloudWatchClient> call) throws IOException {
    List<Captured> captured = new ArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          captured.add(
              new Captured(
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
    try (CloudWatchClient cw =
        CloudWatchClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
      try {
        call.accept(cw);
      } catch (RuntimeException expected) {
        // the recording server does not answer properly
      }
    } finally {
      server.stop(0);
    }
    assertThat(captured).hasSize(1);
    return captured.get(0);
  }
}
