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
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Records what the real SDK puts on the wire, so the parameter names the simulator reads are
 * checked against the SDK version in use rather than against documentation.
 */
@Tag("simulator")
class SdkWireFormatTest {

  private record Captured(String authorization, String contentType, String target, String body) {}

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

  @Test
  void getCostAndUsageIsAJson11PostWithTheseMembers() throws IOException {
    Captured request =
        captureAt(
            uri -> {
              try (CostExplorerClient ce = costExplorer(uri)) {
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                            .granularity("DAILY")
                            .metrics("UnblendedCost")
                            .filter(
                                f ->
                                    f.and(
                                        e -> e.tags(t -> t.key("Environment").values("prod")),
                                        e ->
                                            e.not(
                                                n ->
                                                    n.dimensions(
                                                        d ->
                                                            d.key("SERVICE")
                                                                .values("Amazon CloudFront")))))
                            .groupBy(
                                g -> g.type("TAG").key("Environment"),
                                g -> g.type("DIMENSION").key("SERVICE"))
                            .nextPageToken("tok"));
              }
            });
    System.out.println("SDK GetCostAndUsage body: " + request.body());

    assertThat(request.authorization()).contains("/us-east-1/ce/aws4_request");
    assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(request.target()).isEqualTo("AWSInsightsIndexService.GetCostAndUsage");
    assertThat(StrictJson.parse(request.body()))
        .isEqualTo(
            StrictJson.parse(
                """
                {"TimePeriod":{"Start":"2026-11-01","End":"2026-11-26"},"Granularity":"DAILY",
                 "Filter":{"And":[{"Tags":{"Key":"Environment","Values":["prod"]}},
                   {"Not":{"Dimensions":{"Key":"SERVICE","Values":["Amazon CloudFront"]}}}]},
                 "Metrics":["UnblendedCost"],
                 "GroupBy":[{"Type":"TAG","Key":"Environment"},{"Type":"DIMENSION","Key":"SERVICE"}],
                 "NextPageToken":"tok"}
                """));
  }

  @Test
  void getResourcesIsAJson11PostSignedForTagging() throws IOException {
    Captured request =
        captureAt(
            uri -> {
              try (ResourceGroupsTaggingApiClient tagging =
                  ResourceGroupsTaggingApiClient.builder()
                      .endpointOverride(uri)
                      .region(Region.EU_WEST_1)
                      .credentialsProvider(CREDENTIALS)
                      .httpClient(UrlConnectionHttpClient.create())
                      .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                      .build()) {
                tagging.getResources(
                    r ->
                        r.tagFilters(t -> t.key("Environment").values("prod"))
                            .resourceTypeFilters("rds:db", "sqs")
                            .resourcesPerPage(50)
                            .paginationToken("tok"));
              }
            });
    assertThat(request.authorization()).contains("/eu-west-1/tagging/aws4_request");
    assertThat(request.contentType()).isEqualTo("application/x-amz-json-1.1");
    assertThat(request.target()).isEqualTo("ResourceGroupsTaggingAPI_20170126.GetResources");
    assertThat(StrictJson.parse(request.body()))
        .isEqualTo(
            StrictJson.parse(
                """
                {"PaginationToken":"tok","TagFilters":[{"Key":"Environment","Values":["prod"]}],
                 "ResourcesPerPage":50,"ResourceTypeFilters":["rds:db","sqs"]}
                """));
  }

  @Test
  void getCostForecastNamesItsMetricInUpperCase() throws IOException {
    Captured request =
        captureAt(
            uri -> {
              try (CostExplorerClient ce = costExplorer(uri)) {
                ce.getCostForecast(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-26").end("2026-12-01"))
                            .granularity("MONTHLY")
                            .metric("UNBLENDED_COST")
                            .predictionIntervalLevel(80));
              }
            });
    assertThat(request.target()).isEqualTo("AWSInsightsIndexService.GetCostForecast");
    assertThat(StrictJson.parse(request.body()))
        .isEqualTo(
            StrictJson.parse(
                """
                {"TimePeriod":{"Start":"2026-11-26","End":"2026-12-01"},"Metric":"UNBLENDED_COST",
                 "Granularity":"MONTHLY","PredictionIntervalLevel":80}
                """));
  }

  @Test
  void snsPublishSendsAttributesAsEntriesAndCreateTopicAttributesLowerCase() throws IOException {
    Captured publish =
        captureAt(
            uri -> {
              try (SnsClient sns = sns(uri)) {
                sns.publish(
                    r ->
                        r.topicArn("arn:aws:sns:us-east-1:000000000000:a.fifo")
                            .message("hi & there")
                            .subject("S")
                            .messageGroupId("g")
                            .messageDeduplicationId("d")
                            .messageAttributes(
                                Map.of(
                                    "env",
                                    MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("prod")
                                        .build())));
              }
            });
    assertThat(publish.authorization()).contains("/us-east-1/sns/aws4_request");
    assertThat(QueryForm.parse(publish.body()).asMap())
        .containsEntry("Action", "Publish")
        .containsEntry("Version", "2010-03-31")
        .containsEntry("TopicArn", "arn:aws:sns:us-east-1:000000000000:a.fifo")
        .containsEntry("Message", "hi & there")
        .containsEntry("Subject", "S")
        .containsEntry("MessageGroupId", "g")
        .containsEntry("MessageDeduplicationId", "d")
        .containsEntry("MessageAttributes.entry.1.Name", "env")
        .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
        .containsEntry("MessageAttributes.entry.1.Value.StringValue", "prod");

    Captured create =
        captureAt(
            uri -> {
              try (SnsClient sns = sns(uri)) {
                sns.createTopic(r -> r.name("a.fifo").attributes(Map.of("FifoTopic", "true")));
              }
            });
    assertThat(QueryForm.parse(create.body()).asMap())
        .containsEntry("Action", "CreateTopic")
        .containsEntry("Name", "a.fifo")
        .containsEntry("Attributes.entry.1.key", "FifoTopic")
        .containsEntry("Attributes.entry.1.value", "true");
  }

  /** Sends one SDK call to a server that records it and answers with an unparsable 500. */
  private static Captured capture(Consumer<CloudWatchClient> call) throws IOException {
    return captureAt(
        uri -> {
          try (CloudWatchClient cw =
              CloudWatchClient.builder()
                  .endpointOverride(uri)
                  .region(Region.US_EAST_1)
                  .credentialsProvider(CREDENTIALS)
                  .httpClient(UrlConnectionHttpClient.create())
                  .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                  .build()) {
            call.accept(cw);
          }
        });
  }

  /**
   * Runs {@code send} against a recording server at the given URI; exactly one request must come.
   */
  private static Captured captureAt(Consumer<URI> send) throws IOException {
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
                  exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
    try {
      send.accept(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    } catch (RuntimeException expected) {
      // the recording server does not answer properly
    } finally {
      server.stop(0);
    }
    assertThat(captured).hasSize(1);
    return captured.get(0);
  }

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static CostExplorerClient costExplorer(URI uri) {
    return CostExplorerClient.builder()
        .endpointOverride(uri)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static SnsClient sns(URI uri) {
    return SnsClient.builder()
        .endpointOverride(uri)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
