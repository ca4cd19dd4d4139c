package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** What the application checks before it relies on an account: who it is, and its topics. */
@Tag("simulator")
class CallerAndTopicChecksTest {

  private static final String ALERTS = "arn:aws:sns:us-east-1:000000000000:prod-alerts";

  private AwsSimulator sim;
  private StsClient sts;
  private SnsClient sns;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    sts = SimulatorFixture.sts(sim);
    sns = SimulatorFixture.sns(sim);
  }

  @AfterEach
  void stop() {
    sns.close();
    sts.close();
    sim.close();
  }

  @Test
  void theBaseCredentialsBelongToTheSimulatorsAccount() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    assertThat(me.account()).isEqualTo("000000000000");
    assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:user/simulator");
    assertThat(me.userId()).matches("AIDA[A-Z2-7]{16}");

    sim.sts().account("123456789012");
    assertThat(sts.getCallerIdentity().account()).isEqualTo("123456789012");
    // Topics created from now on are the new account's.
    assertThat(sim.sns().ensureTopic("us-east-1", "prod-alerts"))
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:prod-alerts");
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::service, CallLog.Call::operation, CallLog.Call::status)
        .containsOnly(tuple("sts", "GetCallerIdentity", 200));
  }

  @Test
  void assumedRoleCredentialsBelongToTheRolesAccount() {
    try (StsAssumeRoleCredentialsProvider role =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(
                    r ->
                        r.roleArn("arn:aws:iam::210987654321:role/stackwatch-read")
                            .roleSessionName("stackwatch"))
                .build();
        StsClient asRole =
            StsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(role)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        SnsClient snsAsRole =
            SnsClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(role)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      GetCallerIdentityResponse me = asRole.getCallerIdentity();
      assertThat(me.account()).isEqualTo("210987654321");
      assertThat(me.arn())
          .isEqualTo("arn:aws:sts::210987654321:assumed-role/stackwatch-read/stackwatch");
      assertThat(me.userId()).matches("AROA[A-Z2-7]{16}:stackwatch");
      // A topic the role creates is in the role's account.
      assertThat(snsAsRole.createTopic(r -> r.name("prod-alerts")).topicArn())
          .isEqualTo("arn:aws:sns:us-east-1:210987654321:prod-alerts");
    }
    // The base credentials are still the simulator's own.
    assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
  }

  @Test
  void aTopicsAttributesAreTheOnesSnsAnswers() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    Map<String, String> attributes = sns.getTopicAttributes(r -> r.topicArn(ALERTS)).attributes();

    assertThat(attributes)
        .containsEntry("TopicArn", ALERTS)
        .containsEntry("Owner", "000000000000")
        .containsEntry("DisplayName", "")
        .containsEntry("SubscriptionsConfirmed", "0")
        .containsEntry("SubscriptionsPending", "0")
        .containsEntry("SubscriptionsDeleted", "0")
        .containsKeys("Policy", "EffectiveDeliveryPolicy");
    assertThat(attributes.get("Policy")).contains(ALERTS).contains("\"AWS:SourceOwner\"");

    String fifo =
        sns.createTopic(
                r ->
                    r.name("prod-alerts.fifo")
                        .attributes(Map.of("FifoTopic", "true", "DisplayName", "Prod alerts")))
            .topicArn();
    assertThat(sns.getTopicAttributes(r -> r.topicArn(fifo)).attributes())
        .containsEntry("FifoTopic", "true")
        .containsEntry("ContentBasedDeduplication", "false")
        .containsEntry("DisplayName", "Prod alerts");
  }

  @Test
  void aTopicThatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn(ALERTS)))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
            });
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).message("hello")))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn("prod-alerts")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::operation, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(
            tuple("GetTopicAttributes", 404, "NotFound"),
            tuple("Publish", 404, "NotFound"),
            tuple("GetTopicAttributes", 400, "InvalidParameter"));
  }

  @Test
  void aRefusedPublishIsAnAuthorizationError() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    sim.sns().refusePublish(ALERTS);

    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).message("hello")))
        .isInstanceOfSatisfying(
            AuthorizationErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("arn:aws:iam::000000000000:user/simulator")
                  .contains("SNS:Publish")
                  .contains(ALERTS);
            });
    assertThat(sim.sns().published()).isEmpty();
    // Reading the topic is still allowed: only publishing is refused.
    assertThat(sns.getTopicAttributes(r -> r.topicArn(ALERTS)).attributes()).isNotEmpty();

    sim.sns().allowPublish(ALERTS);
    sns.publish(r -> r.topicArn(ALERTS).message("hello"));
    assertThat(sim.sns().published(ALERTS)).hasSize(1);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::operation, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(
            tuple("Publish", 403, "AuthorizationError"),
            tuple("GetTopicAttributes", 200, null),
            tuple("Publish", 200, null));
  }

  @Test
  void topicsCreatedWithTagsAreFoundByThem() {
    String arn =
        sns.createTopic(
                r ->
                    r.name("billing-events")
                        .tags(
                            software.amazon.awssdk.services.sns.model.Tag.builder()
                                .key("Environment")
                                .value("prod")
                                .build()))
            .topicArn();
    try (var tagging = SimulatorFixture.tagging(sim, Region.US_EAST_1)) {
      assertThat(
              tagging
                  .getResources(
                      r ->
                          r.resourceTypeFilters("sns:topic")
                              .tagFilters(t -> t.key("Environment").values("prod")))
                  .resourceTagMappingList())
          .extracting(m -> m.resourceARN())
          .containsExactly(arn);
    }
  }
}
