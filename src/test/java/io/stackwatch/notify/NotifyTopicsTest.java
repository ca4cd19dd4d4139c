package io.stackwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.catalog.Environment;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which topics each environment's messages go to, from configuration as the application reads it.
 */
@Tag("plain")
class NotifyTopicsTest {

  /** What STS answers here: a role's account, else the account of the base credentials. */
  static String account(Environment env) {
    return NotifyTopics.roleAccount(env).orElse("000000000000");
  }

  static NotifyTopics topics(Map<String, String> properties) {
    return topics(properties, NotifyTopicsTest::account);
  }

  static NotifyTopics topics(
      Map<String, String> properties, Function<Environment, String> account) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("stackwatch.environments.prod.region", "eu-west-1");
    all.put("stackwatch.environments.staging.region", "us-east-1");
    all.put(
        "stackwatch.environments.staging.role-arn", "arn:aws:iam::123456789012:role/stackwatch");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withMapping(NotifyConfig.class)
            // Quarkus's own, for "30s", "5m", "7d".
            .withConverter(Duration.class, 100, new DurationConverter())
            .withSources(new PropertiesConfigSource(all, "test", 100))
            .build();
    return NotifyTopics.from(
        config.getConfigMapping(NotifyConfig.class),
        Catalog.from(config.getConfigMapping(CatalogConfig.class)),
        account);
  }

  @Test
  void anEnvironmentWhoseAccountCannotBeToldHasNoDefaultTopicsAndSaysWhy() {
    NotifyTopics topics =
        topics(
            Map.of(),
            env -> {
              if (env.name().equals("prod")) {
                throw new IllegalStateException(
                    "STS GetCallerIdentity failed: ExpiredToken: The security token included in"
                        + " the request is expired (HTTP 403)");
              }
              return account(env);
            });

    assertThat(topics.alerts("prod")).isEmpty();
    assertThat(topics.notifications("prod")).isEmpty();
    assertThat(topics.problems())
        .containsOnlyKeys("prod")
        .containsValue(
            "STS GetCallerIdentity failed: ExpiredToken: The security token included in the"
                + " request is expired (HTTP 403)");
    assertThat(topics.alerts("staging").orElseThrow().arn())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:staging-alerts");
  }

  @Test
  void theSeedsTopicsInTheEnvironmentsRegionAndAccountByDefault() {
    NotifyTopics topics = topics(Map.of());

    assertThat(topics.all())
        .extracting(Topic::arn)
        .containsExactly(
            "arn:aws:sns:eu-west-1:000000000000:prod-alerts",
            "arn:aws:sns:eu-west-1:000000000000:prod-notifications",
            "arn:aws:sns:us-east-1:123456789012:staging-alerts",
            "arn:aws:sns:us-east-1:123456789012:staging-notifications");
    assertThat(topics.all()).extracting(Topic::format).containsOnly(TopicFormat.TEXT);
    assertThat(topics.alerts("prod").orElseThrow().region()).isEqualTo("eu-west-1");
  }

  @Test
  void anyTopicsArnAndFormatCanBeSet() {
    NotifyTopics topics =
        topics(
            Map.of(
                "stackwatch.notify.account-id", "210987654321",
                "stackwatch.notify.topics.prod.alerts.arn",
                    "arn:aws:sns:eu-west-1:111122223333:ops-chat.fifo",
                "stackwatch.notify.topics.prod.alerts.format", "chatbot"));

    Topic alerts = topics.alerts("prod").orElseThrow();
    assertThat(alerts.arn()).isEqualTo("arn:aws:sns:eu-west-1:111122223333:ops-chat.fifo");
    assertThat(alerts.format()).isEqualTo(TopicFormat.CHATBOT);
    assertThat(alerts.fifo()).isTrue();
    assertThat(topics.notifications("prod").orElseThrow().arn())
        .isEqualTo("arn:aws:sns:eu-west-1:210987654321:prod-notifications");
    assertThat(topics.notifications("prod").orElseThrow().format()).isEqualTo(TopicFormat.TEXT);
  }

  @Test
  void mistakesStopStartUpNamingTheKey() {
    assertThatThrownBy(() -> topics(Map.of("stackwatch.notify.topics.prd.alerts.format", "text")))
        .hasMessage("stackwatch.notify.topics.prd: no such environment; known: prod, staging");
    assertThatThrownBy(
            () -> topics(Map.of("stackwatch.notify.topics.prod.alerts.arn", "prod-alerts")))
        .hasMessageStartingWith("stackwatch.notify.topics.prod.alerts.arn: not an SNS topic ARN");
  }
}
