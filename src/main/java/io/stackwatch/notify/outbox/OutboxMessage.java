package io.stackwatch.notify.outbox;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.message.TopicFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A message in the outbox: written before it is sent, marked sent only once SNS returned a
 * MessageId.
 *
 * @param id its place in the outbox; messages of one topic are sent in this order
 * @param topicArn where it goes
 * @param environment its {@code environment} attribute
 * @param event its {@code event} attribute
 * @param severity its {@code severity} attribute
 * @param format how it was written
 * @param subject the Subject
 * @param body the Message
 * @param deduplicationId fixed when it was written, so a resend after a crash carries the same one
 * @param createdAt when it was written
 * @param status pending, sent or failed
 * @param attempts Publish calls made so far (each with the SDK's own retries)
 * @param nextAttemptAt when a pending message is tried next
 * @param lastAttemptAt when it was last tried
 * @param lastError why the last attempt failed, if it did
 * @param sentAt when SNS took it
 * @param messageId the MessageId SNS returned
 */
public record OutboxMessage(
    long id,
    String topicArn,
    String environment,
    NotificationEvent event,
    Severity severity,
    TopicFormat format,
    String subject,
    String body,
    String deduplicationId,
    Instant createdAt,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    Optional<Instant> lastAttemptAt,
    Optional<String> lastError,
    Optional<Instant> sentAt,
    Optional<String> messageId) {

  /** Where a message stands. */
  public enum Status {
    /** Not sent yet: tried again until SNS takes it. */
    PENDING,
    /** SNS took it and returned a MessageId. */
    SENT,
    /** SNS refused the message itself (bad subject, too long): sending it again cannot help. */
    FAILED
  }

  /** Name of the message attribute carrying {@link #deduplicationId}. */
  public static final String DEDUPLICATION_ATTRIBUTE = "deduplication-id";

  /** The message attributes subscription filter policies route on, and the deduplication id. */
  public Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("environment", environment);
    a.put("severity", severity.yamlName());
    a.put("event", event.attributeValue());
    a.put(DEDUPLICATION_ATTRIBUTE, deduplicationId);
    return a;
  }

  /** FIFO topics take a MessageGroupId and MessageDeduplicationId with every message. */
  public boolean fifo() {
    return Topic.isFifo(topicArn);
  }

  /**
   * The FIFO message group: one per environment, so its messages stay in order. SNS allows up to
   * 128 letters, digits and punctuation.
   */
  public String groupId() {
    String g = environment.replaceAll("[^\\p{Alnum}\\p{Punct}]", "-");
    return g.length() > 128 ? g.substring(0, 128) : g;
  }

  /** The topic's name, the last part of its ARN. */
  public String topicName() {
    return topicArn.substring(topicArn.lastIndexOf(':') + 1);
  }
}
