package io.stackwatch.notify;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.notify.NotifyConfig.EnvironmentTopics;
import io.stackwatch.notify.NotifyConfig.TopicConfig;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topics of every environment: by default the seed's {@code <env>-alerts} and {@code
 * <env>-notifications} in the environment's region, in the account of its role (or {@code
 * stackwatch.notify.account-id}); any ARN and format can be set per environment and topic.
 */
public final class NotifyTopics {

  private final Map<String, Topic> byKey = new LinkedHashMap<>();

  public NotifyTopics(List<Topic> topics) {
    for (Topic t : topics) {
      byKey.put(key(t.environment(), t.purpose()), t);
    }
  }

  /**
   * Resolves the configured topics of every environment of the catalog.
   *
   * @throws IllegalStateException naming the key, for topics of an unknown environment or an ARN
   *     that is not one
   */
  public static NotifyTopics from(NotifyConfig config, Catalog catalog) {
    for (String name : config.topics().keySet()) {
      if (catalog.find(name).isEmpty()) {
        throw new IllegalStateException(
            "stackwatch.notify.topics."
                + name
                + ": no such environment; known: "
                + String.join(
                    ", ", catalog.environments().stream().map(Environment::name).toList()));
      }
    }
    List<Topic> topics = new ArrayList<>();
    for (Environment env : catalog.environments()) {
      Optional<EnvironmentTopics> configured = Optional.ofNullable(config.topics().get(env.name()));
      topics.add(topic(env, Purpose.ALERTS, configured.map(EnvironmentTopics::alerts), config));
      topics.add(
          topic(
              env,
              Purpose.NOTIFICATIONS,
              configured.map(EnvironmentTopics::notifications),
              config));
    }
    return new NotifyTopics(topics);
  }

  private static Topic topic(
      Environment env, Purpose purpose, Optional<TopicConfig> configured, NotifyConfig config) {
    String name = env.name() + (purpose == Purpose.ALERTS ? "-alerts" : "-notifications");
    String account = env.roleArn().flatMap(NotifyTopics::accountOf).orElse(config.accountId());
    String arn =
        configured
            .flatMap(TopicConfig::arn)
            .orElse("arn:aws:sns:" + env.region() + ":" + account + ":" + name);
    TopicFormat format = configured.map(TopicConfig::format).orElse(TopicFormat.TEXT);
    if (!Topic.isArn(arn)) {
      throw new IllegalStateException(
          "stackwatch.notify.topics."
              + env.name()
              + "."
              + (purpose == Purpose.ALERTS ? "alerts" : "notifications")
              + ".arn: not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>): "
              + arn);
    }
    return new Topic(env.name(), purpose, arn, format);
  }

  /** The account of a role ARN, {@code arn:aws:iam::<account>:role/<name>}. */
  private static Optional<String> accountOf(String roleArn) {
    String[] parts = roleArn.split(":", -1);
    return parts.length > 4 && parts[4].matches("\\d{12}")
        ? Optional.of(parts[4])
        : Optional.empty();
  }

  /** The topic of an environment's alert summaries. */
  public Optional<Topic> alerts(String environment) {
    return Optional.ofNullable(byKey.get(key(environment, Purpose.ALERTS)));
  }

  /** The topic of an environment's daily digest. */
  public Optional<Topic> notifications(String environment) {
    return Optional.ofNullable(byKey.get(key(environment, Purpose.NOTIFICATIONS)));
  }

  /** Every topic, environment by environment. */
  public List<Topic> all() {
    return List.copyOf(byKey.values());
  }

  /** The topic with this ARN, if stackwatch publishes to it. */
  public Optional<Topic> byArn(String arn) {
    return byKey.values().stream().filter(t -> t.arn().equals(arn)).findFirst();
  }

  private static String key(String environment, Purpose purpose) {
    return environment + "/" + purpose;
  }
}
