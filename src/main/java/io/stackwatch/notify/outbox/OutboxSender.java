package io.stackwatch.notify.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Drains the outbox: per topic, the pending messages in the order they were written. A message is
 * marked sent only after the notifier returned a MessageId; a failure leaves it pending with its
 * attempt, error and next attempt time (exponential backoff with jitter), and holds back the
 * topic's later messages, so they stay in order. Topics are independent: one failing topic does not
 * hold back the others. A message SNS refuses outright is marked failed, so it cannot block its
 * topic for ever.
 */
public final class OutboxSender {

  private static final Logger LOG = Logger.getLogger(OutboxSender.class);

  private final Outbox outbox;
  private final Notifier notifier;
  private final Backoff backoff;
  private final Clock clock;
  private final RandomGenerator random;

  public OutboxSender(
      Outbox outbox, Notifier notifier, Backoff backoff, Clock clock, RandomGenerator random) {
    this.outbox = outbox;
    this.notifier = notifier;
    this.backoff = backoff;
    this.clock = clock;
    this.random = random;
  }

  /** What one drain did. */
  public record Drain(int sent, int retrying, int failed) {
    public static final Drain NOTHING = new Drain(0, 0, 0);
  }

  /** Sends every message that is due, topic by topic. */
  public Drain drain() {
    Map<String, List<OutboxMessage>> byTopic = new LinkedHashMap<>();
    for (OutboxMessage m : outbox.pending()) {
      byTopic.computeIfAbsent(m.topicArn(), t -> new ArrayList<>()).add(m);
    }
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    for (List<OutboxMessage> topic : byTopic.values()) {
      for (OutboxMessage m : topic) {
        Instant now = clock.instant();
        if (m.nextAttemptAt().isAfter(now)) {
          break;
        }
        String messageId;
        try {
          messageId = notifier.publish(m);
        } catch (RuntimeException e) {
          PublishException p =
              e instanceof PublishException pe ? pe : new PublishException(e.toString(), false, e);
          if (p.permanent()) {
            LOG.errorf(
                "SNS refused message %d to %s, not trying again: %s",
                m.id(), m.topicArn(), p.getMessage());
            outbox.markFailed(m.id(), p.getMessage(), now);
            failed++;
            continue;
          }
          Instant next = now.plus(backoff.after(m.attempts() + 1, random.nextDouble()));
          LOG.warnf(
              "Message %d to %s not sent (attempt %d), next attempt at %s: %s",
              m.id(), m.topicArn(), m.attempts() + 1, next, p.getMessage());
          outbox.markRetry(m.id(), p.getMessage(), now, next);
          retrying++;
          break;
        }
        // Should this fail after SNS took the message, it stays pending and is sent again with
        // the same deduplication id, which subscribers (and FIFO topics) recognise.
        outbox.markSent(m.id(), messageId, clock.instant());
        sent++;
      }
    }
    return new Drain(sent, retrying, failed);
  }
}
