package io.stackwatch.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stackwatch.notify.message.TopicFormat;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;

/**
 * How alert summaries and the daily digest are grouped, written and sent: {@code
 * stackwatch.notify}.
 */
@ConfigMapping(prefix = "stackwatch.notify")
public interface NotifyConfig {

  /**
   * {@code sns} (default): publish to the SNS topics, in simulator mode to the simulator's. {@code
   * log}: write each message to the log instead, for development.
   */
  @WithDefault("sns")
  NotifierKind notifier();

  /** Address of this stackwatch as readers of a message reach it, for links. Default localhost. */
  @WithDefault("http://localhost:8080")
  String baseUrl();

  /** How long a new group waits to collect companions before its first send. Default 30 s. */
  @WithDefault("30s")
  Duration groupWait();

  /** Least time between two sends of one group's changes. Default 5 minutes. */
  @WithDefault("5m")
  Duration groupInterval();

  /** When a group whose alarms still fire, unchanged, is sent again. */
  RepeatInterval repeatInterval();

  /** Time of day (UTC) of the daily digest to each environment's notifications topic. 08:00. */
  @WithDefault("08:00")
  LocalTime digestAt();

  /**
   * Account of every environment's default topic ARNs. Default none: the account STS {@code
   * GetCallerIdentity} answers for the environment's credentials (its role's account, with a {@code
   * role-arn}).
   */
  Optional<String> accountId();

  /** Topics per environment; every key is optional, see {@link NotifyTopics}. */
  Map<String, EnvironmentTopics> topics();

  /** How a message SNS did not take is tried again. */
  Retry retry();

  /** How long sent and failed messages stay listed on {@code /notifications}. Default 7 days. */
  @WithDefault("7d")
  Duration history();

  /** Where messages go. */
  enum NotifierKind {
    SNS,
    LOG
  }

  /** Repeat intervals per severity; an info alarm is never repeated unless {@code info} is set. */
  interface RepeatInterval {

    /** Default 4 hours. */
    @WithDefault("4h")
    Duration critical();

    /** Default 12 hours. */
    @WithDefault("12h")
    Duration warning();

    /** Default none: info alarms are told once. */
    Optional<Duration> info();
  }

  /** The two topics of one environment. */
  interface EnvironmentTopics {

    /** Alert summaries. Default {@code <env>-alerts}. */
    TopicConfig alerts();

    /** The daily digest. Default {@code <env>-notifications}. */
    TopicConfig notifications();
  }

  /** One topic. */
  interface TopicConfig {

    /** Its ARN. Default built from the environment's region, the account and the seed's name. */
    Optional<String> arn();

    /** {@code text} (default) for e-mail, {@code chatbot} for Amazon Q Developer in chat. */
    @WithDefault("text")
    TopicFormat format();
  }

  /** Backoff between Publish attempts of the outbox, on top of the SDK's own retries. */
  interface Retry {

    /** Wait after the first failed attempt; doubles with each further one. Default 10 s. */
    @WithDefault("10s")
    Duration initialBackoff();

    /** Longest wait between attempts. Default 5 minutes. */
    @WithDefault("5m")
    Duration maxBackoff();
  }
}
