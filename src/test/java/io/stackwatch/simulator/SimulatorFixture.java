package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** What the simulator tests share: a fixed clock, SDK clients pointed at a simulator, queries. */
final class SimulatorFixture {

  /** A Thursday noon, UTC: the newest complete minute is 11:59. */
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));
  static final long SEED = 42;

  private SimulatorFixture() {}

  static Clock fixedClock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** A client as the brief prescribes, with the SDK's default retries. */
  static CloudWatchClient client(AwsSimulator sim) {
    return client(sim, c -> {});
  }

  /** A client that never retries, so every SDK call is exactly one simulator call. */
  static CloudWatchClient clientWithoutRetries(AwsSimulator sim) {
    return client(sim, c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  static CloudWatchClient client(
      AwsSimulator sim, Consumer<ClientOverrideConfiguration.Builder> overrides) {
    return CloudWatchClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(overrides)
        .build();
  }

  /** A Cost Explorer client that never retries, so every SDK call is exactly one page. */
  static CostExplorerClient costExplorer(AwsSimulator sim) {
    return costExplorer(sim, c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  static CostExplorerClient costExplorer(
      AwsSimulator sim, Consumer<ClientOverrideConfiguration.Builder> overrides) {
    return CostExplorerClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(overrides)
        .build();
  }

  /** An SNS client that never retries. */
  static SnsClient sns(AwsSimulator sim) {
    return SnsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** An SQS client that never retries. */
  static SqsClient sqs(AwsSimulator sim) {
    return SqsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A Resource Groups Tagging API client in {@code region} that never retries. */
  static ResourceGroupsTaggingApiClient tagging(AwsSimulator sim, Region region) {
    return ResourceGroupsTaggingApiClient.builder()
        .endpointOverride(sim.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** An STS client with the simulator's base credentials, never retrying. */
  static StsClient sts(AwsSimulator sim) {
    return StsClient.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A MetricStat query; {@code dimensions} alternate name, value. */
  static MetricDataQuery query(
      String id, String namespace, String metric, String stat, int period, String... dimensions) {
    List<Dimension> dims = new ArrayList<>();
    for (int i = 0; i < dimensions.length; i += 2) {
      dims.add(Dimension.builder().name(dimensions[i]).value(dimensions[i + 1]).build());
    }
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(
            s ->
                s.period(period)
                    .stat(stat)
                    .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dims)))
        .build();
  }

  /** The last hour of one query. */
  static GetMetricDataRequest lastHour(MetricDataQuery... queries) {
    return GetMetricDataRequest.builder()
        .startTime(HOUR_AGO)
        .endTime(NOW)
        .metricDataQueries(queries)
        .build();
  }

  /** The values of the single result for one query over the last hour, oldest first. */
  static List<Double> lastHourValues(CloudWatchClient cw, MetricDataQuery query) {
    MetricDataResult result =
        cw.getMetricData(lastHour(query).toBuilder().scanBy("TimestampAscending").build())
            .metricDataResults()
            .get(0);
    return result.values();
  }

  static MetricDataQuery rdsCpu(String id, String db) {
    return query(id, "AWS/RDS", "CPUUtilization", "Average", 60, "DBInstanceIdentifier", db);
  }
}
