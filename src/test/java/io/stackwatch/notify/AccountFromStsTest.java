package io.stackwatch.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.simulator.SnsHandler;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code source=aws} with no notify settings, against an endpoint of account 123456789012 where
 * {@code staging-alerts} does not exist: the default topics carry the account STS tells; the
 * missing topic shows on {@code /notifications} from the start-up check; its messages fail with the
 * reason, without holding one another back; the other topics deliver.
 */
@QuarkusTest
@TestProfile(AccountFromStsTest.RealAccount.class)
class AccountFromStsTest {

  static final String ACCOUNT = "123456789012";

  /** A real account's settings: the standard credential chain, an endpoint, nothing else. */
  public static class RealAccount implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Endpoint.class));
    }
  }

  /** An AWS endpoint of account 123456789012, started before stackwatch. */
  public static class Endpoint implements QuarkusTestResourceLifecycleManager {
    static AwsSimulator sim;

    @Override
    public Map<String, String> start() {
      sim = AwsSimulator.start(0, Clock.systemUTC(), 42);
      sim.sts().account(ACCOUNT);
      for (String env : List.of("prod", "staging", "dev")) {
        sim.sns().ensureTopic("us-east-1", env + "-notifications");
        if (!env.equals("staging")) {
          sim.sns().ensureTopic("us-east-1", env + "-alerts");
        }
      }
      // The standard chain's first link: what an ECS task or a shell would export.
      System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
      System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
      return Map.of(
          "stackwatch.source", "aws", "stackwatch.aws.endpoint", sim.endpoint().toString());
    }

    @Override
    public void inject(TestInjector injector) {
      injector.injectIntoFields(sim, new TestInjector.MatchesType(AwsSimulator.class));
    }

    @Override
    public void stop() {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      sim.close();
    }
  }

  /** The endpoint, put here by {@link Endpoint}. */
  AwsSimulator sim;

  @Inject NotifyTopics topics;
  @Inject TopicChecks checks;
  @Inject TestNotification test;
  @Inject NotifyJob notifier;
  @Inject Outbox outbox;

  @Test
  void topicsInTheAccountStsTellsAMissingOneShownAndItsMessagesFailedWithTheReason() {
    assertThat(topics.all())
        .extracting(Topic::arn)
        .containsExactly(
            SnsHandler.arn("us-east-1", ACCOUNT, "prod-alerts"),
            SnsHandler.arn("us-east-1", ACCOUNT, "prod-notifications"),
            SnsHandler.arn("us-east-1", ACCOUNT, "staging-alerts"),
            SnsHandler.arn("us-east-1", ACCOUNT, "staging-notifications"),
            SnsHandler.arn("us-east-1", ACCOUNT, "dev-alerts"),
            SnsHandler.arn("us-east-1", ACCOUNT, "dev-notifications"));

    // What the start-up check finds (the scheduler is off in tests: the test runs it).
    checks.run();
    String stagingAlerts = SnsHandler.arn("us-east-1", ACCOUNT, "staging-alerts");
    assertThat(checks.of(stagingAlerts).orElseThrow().problem().orElseThrow()).contains("NotFound");
    assertThat(
            checks.of(SnsHandler.arn("us-east-1", ACCOUNT, "prod-alerts")).orElseThrow().problem())
        .isEmpty();
    assertThat(given().get("/notifications").then().statusCode(200).extract().asString())
        .contains("staging-alerts")
        .contains("NotFound");
    assertThat(given().get("/q/health/ready").asString())
        .contains("topic " + stagingAlerts)
        .contains("NotFound");

    test.enqueue("staging", "ada");
    test.enqueue("staging", "ada");
    test.enqueue("prod", "ada");
    notifier.tick();

    List<OutboxMessage> staging =
        outbox.recent(10).stream().filter(m -> m.topicArn().equals(stagingAlerts)).toList();
    assertThat(staging)
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.status()).isEqualTo(OutboxMessage.Status.FAILED);
              assertThat(m.lastError().orElseThrow()).contains("NotFound");
            });
    List<PublishedMessage> prod =
        sim.sns().published(SnsHandler.arn("us-east-1", ACCOUNT, "prod-alerts"));
    assertThat(prod).hasSize(1);
    assertThat(outbox.pending()).isEmpty();
  }
}
