package io.stackwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.aws.AwsPermissions.Permission;
import io.stackwatch.aws.AwsPermissions.Scope;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The list of AWS operations names them as the SDK and the {@link ApiCallMeter} see them, and a
 * call missing from it is counted as {@code unlisted}.
 */
@Tag("plain")
class AwsPermissionsTest {

  /** Records the names the SDK gives a call, then stops it before anything is sent. */
  static final class NameRecorder implements ExecutionInterceptor {
    final List<String> seen = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      seen.add(
          attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
              + ":"
              + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      throw new Stop();
    }
  }

  static final class Stop extends RuntimeException {
    Stop() {
      super("stopped before sending", null, false, false);
    }
  }

  @Test
  void theListedCallsOfTheClientsStackwatchBuildsCarryTheListedNames() {
    NameRecorder recorder = new NameRecorder();
    ClientOverrideConfiguration stop =
        ClientOverrideConfiguration.builder().addExecutionInterceptor(recorder).build();
    try (CloudWatchClient cw = build(CloudWatchClient.builder(), stop);
        CostExplorerClient ce = build(CostExplorerClient.builder(), stop);
        SnsClient sns = build(SnsClient.builder(), stop);
        StsClient sts = build(StsClient.builder(), stop);
        ResourceGroupsTaggingApiClient tag = build(ResourceGroupsTaggingApiClient.builder(), stop);
        SqsClient sqs = build(SqsClient.builder(), stop)) {
      List<Runnable> calls =
          List.of(
              () -> cw.getMetricData(r -> {}),
              () -> cw.listMetrics(r -> {}),
              () -> tag.getResources(r -> {}),
              () -> sqs.getQueueAttributes(r -> {}),
              () -> ce.getCostAndUsage(r -> {}),
              () -> ce.getCostForecast(r -> {}),
              () -> sns.publish(r -> {}),
              () -> sts.getCallerIdentity(r -> {}),
              () -> sns.getTopicAttributes(r -> {}),
              () -> sts.assumeRole(r -> {}));
      calls.forEach(call -> assertThatThrownBy(call::run).isInstanceOf(Stop.class));
    }

    // The calls made through the six SDK clients stackwatch depends on today; the other services'
    // names (Ec2, Rds, CloudWatchLogs) were read from their 2.40.2 jars and follow the same rule.
    List<String> listed =
        AwsPermissions.all().stream()
            .filter(
                p ->
                    List.of(
                            "CloudWatch",
                            "ResourceGroupsTaggingApi",
                            "Sqs",
                            "CostExplorer",
                            "Sns",
                            "Sts")
                        .contains(p.service()))
            .map(Permission::toString)
            .toList();
    assertThat(recorder.seen).containsExactlyElementsOf(listed);
  }

  @Test
  void eachIamActionIsItsServicePrefixAndOperation() {
    assertThat(AwsPermissions.all())
        .allSatisfy(
            p ->
                assertThat(p.iamAction())
                    .as(p.toString())
                    .matches("[a-z0-9-]+:" + p.operation())
                    .isEqualTo(prefix(p.service()) + ":" + p.operation()));
    assertThat(AwsPermissions.iamActions()).hasSize(AwsPermissions.all().size());
  }

  @Test
  void onlyReadsGoIntoTheReadOnlyRole() {
    assertThat(AwsPermissions.iamActions(Scope.ANY_RESOURCE, Scope.LOG_GROUPS))
        .doesNotContain("sns:Publish", "sts:AssumeRole")
        .allSatisfy(
            a ->
                assertThat(a.substring(a.indexOf(':') + 1))
                    .as(a)
                    .matches("(Get|List|Describe|Filter)[A-Za-z]+"));
    assertThat(AwsPermissions.iamActions(Scope.TOPICS))
        .containsExactly("sns:GetTopicAttributes", "sns:Publish");
    assertThat(AwsPermissions.iamActions(Scope.ROLES)).containsExactly("sts:AssumeRole");
  }

  @Test
  void aCallMissingFromTheListIsCountedAsUnlistedAndAListedOneAsUsual() throws IOException {
    ApiCallMeter meter = new ApiCallMeter();
    ClientOverrideConfiguration metered =
        meter
            .install(ClientOverrideConfiguration.builder())
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build();
    try (SnsClient sns =
        SnsClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .endpointOverride(closedPort())
            .overrideConfiguration(metered)
            .build()) {
      // Nothing listens: both fail to connect.
      assertThatThrownBy(() -> sns.listTopics(r -> {})).isNotNull();
      assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:1:t")))
          .isNotNull();
    }

    assertThat(meter.calls())
        .extracting(c -> c.key().operation() + " " + c.key().outcome())
        .containsExactlyInAnyOrder("Sns:ListTopics unlisted", "Sns:Publish error");
    assertThat(meter.unlisted()).containsExactly(new ApiCallMeter.Operation("Sns", "ListTopics"));
  }

  private static String prefix(String sdkService) {
    return switch (sdkService) {
      case "CloudWatch" -> "cloudwatch";
      case "CostExplorer" -> "ce";
      case "Sns" -> "sns";
      case "Sts" -> "sts";
      case "Ec2" -> "ec2";
      case "Rds" -> "rds";
      case "CloudWatchLogs" -> "logs";
      case "ResourceGroupsTaggingApi" -> "tag";
      case "Sqs" -> "sqs";
      default -> throw new AssertionError("no IAM prefix known for " + sdkService);
    };
  }

  private static <C, B extends AwsClientBuilder<B, C>> C build(
      B builder, ClientOverrideConfiguration config) {
    return builder
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .overrideConfiguration(config)
        .build();
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }
}
