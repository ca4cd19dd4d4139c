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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The topics of every environment: by default the seed's {@code <env>-alerts} and {@code
 * <env>-notifications} in the environment's region, in the account of the environment's credentials
 * (as STS tells it, or {@code stackwatch.notify.account-id}); any ARN and format can be set per
 * environment and topic. An environment whose account cannot be told has no default topic, and says
 * why.
 */
public final class NotifyTopics {

  private final Map<String, Topic> byKey = new LinkedHashMap<>();
  private final Map<String, String> problems;

  public NotifyTopics(List<Topic> topics) {
    this(topics, Map.of());
  }

  /**
   * @param problems why an environment has no default topics, by environment
   */
  public NotifyTopics(List<Topic> topics, Map<String, String> problems) {
    for (Topic t : topics) {
      byKey.put(key(t.environment(), t.purpose()), t);
    }
    this.problems = Map.copyOf(problems);
  }

  /** Why an environment has no default topics: its account could not be told. */
  public Map<String, String> problems() {
    return problems;
  }

  /**
   * Resolves the configured topics of every environment of the catalog.
   *
   * @throws IllegalStateException naming the key, for topics of an unknown environment or an ARN
   *     that is not one
   */
  /**
   * Resolves the configured topics, the default ARNs in the account {@code account} tells (unless
   * {@code stackwatch.notify.account-id} is set).
   *
   * @param account the account of an environment's credentials; throws saying why it cannot tell
   */
  public static NotifyTopics from(
      NotifyConfig config, Catalog catalog, Function<Environment, String> account) {
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
    Map<String, String> problems = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      Optional<EnvironmentTopics> configured = Optional.ofNullable(config.topics().get(env.name()));
      Supplier<Optional<String>> accountOf =
          () -> {
            try {
              return Optional.of(config.accountId().orElseGet(() -> account.apply(env)));
            } catch (RuntimeException e) {
              problems.put(env.name(), e.getMessage());
              return Optional.empty();
            }
          };
      topic(env, Purpose.ALERTS, configured.map(EnvironmentTopics::alerts), accountOf)
          .ifPresent(topics::add);
      topic(env, Purpose.NOTIFICATIONS, configured.map(EnvironmentTopics::notifications), accountOf)
          .ifPresent(topics::add);
    }
    return new NotifyTopics(topics, problems);
  }

  private static Optional<Topic> topic(
      Environment env,
      Purpose purpose,
      Optional<TopicConfig> configured,
      Supplier<Optional<String>> account) {
    String name = env.name() + (purpose == Purpose.ALERTS ? "-alerts" : "-notifications");
    Optional<String> configuredArn = configured.flatMap(TopicConfig::arn);
    Optional<String> maybeArn =
        configuredArn.isPresent()
            ? configuredArn
            : account.get().map(a -> "arn:aws:sns:" + env.region() + ":" + a + ":" + name);
    if (maybeArn.isEmpty()) {
      return Optional.empty();
    }
    String arn = maybeArn.get();
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
    return Optional.of(new Topic(env.name(), purpose, arn, format));
  }

  /** The account of an environment's role, read from its ARN, if it has one. */
  public static Optional<String> roleAccount(Environment env) {
    return env.roleArn().flatMap(NotifyTopics::accountOf);
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
