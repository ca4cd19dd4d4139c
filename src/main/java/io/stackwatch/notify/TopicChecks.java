package io.stackwatch.notify;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.notify.outbox.Notifier;
import io.stackwatch.notify.outbox.Topic;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks at start-up, then hourly, that every topic stackwatch publishes to exists and may be used
 * (SNS {@code GetTopicAttributes}), so a wrong ARN or a missing permission shows on {@code
 * /notifications} and in readiness before the first alarm needs it.
 */
@Singleton
public class TopicChecks {

  private static final Logger LOG = Logger.getLogger(TopicChecks.class);

  /**
   * What a check found.
   *
   * @param at when
   * @param problem why the topic cannot be used; empty when it can
   */
  public record Check(Instant at, Optional<String> problem) {}

  private final NotifyTopics topics;
  private final Notifier notifier;
  private final Clock clock;
  private volatile Map<String, Check> checks = Map.of();

  TopicChecks(NotifyTopics topics, Notifier notifier, Clock clock) {
    this.topics = topics;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** First 3 s after the start: the start's first poll (PollJob#firstTurn) has the cores first. */
  @Scheduled(
      identity = "topic-checks",
      every = "1h",
      delayed = "3s",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    run();
  }

  /** Checks every topic now; what tests call. */
  public synchronized Map<String, Check> run() {
    Map<String, Check> next = new LinkedHashMap<>();
    for (Topic t : topics.all()) {
      Optional<String> problem;
      try {
        problem = notifier.check(t);
      } catch (RuntimeException e) {
        problem = Optional.of(e.getMessage());
      }
      problem.ifPresent(p -> LOG.warnf("Topic %s cannot be used: %s", t.arn(), p));
      next.put(t.arn(), new Check(clock.instant(), problem));
    }
    checks = Map.copyOf(next);
    return checks;
  }

  /** The last check of a topic, by ARN; empty before the first. */
  public Optional<Check> of(String arn) {
    return Optional.ofNullable(checks.get(arn));
  }

  /** The topics, and why an environment has none. */
  public NotifyTopics topics() {
    return topics;
  }
}
