package io.stackwatch.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * A message the simulated SNS accepted and delivered, kept so a test can read what was sent. A FIFO
 * duplicate (same deduplication ID within 5 minutes) is not delivered again and so not kept twice.
 *
 * @param messageId the MessageId Publish returned
 * @param sequenceNumber the SequenceNumber Publish returned for a FIFO topic; null otherwise
 * @param topicArn the topic published to
 * @param subject the Subject, or null if none was given
 * @param message the Message as sent
 * @param attributes the MessageAttributes by name, in the order sent
 * @param groupId the MessageGroupId, or null
 * @param deduplicationId the MessageDeduplicationId given, or for a FIFO topic with content-based
 *     deduplication the SHA-256 of the message SNS used instead; null otherwise
 * @param at the simulator clock's time when it was accepted
 */
public record PublishedMessage(
    String messageId,
    String sequenceNumber,
    String topicArn,
    String subject,
    String message,
    Map<String, Attribute> attributes,
    String groupId,
    String deduplicationId,
    Instant at) {

  /**
   * One message attribute.
   *
   * @param dataType {@code String}, {@code Number}, {@code Binary}, {@code String.Array}, possibly
   *     with a custom suffix ({@code Number.int})
   * @param value the StringValue, or for Binary the base64 BinaryValue as sent on the wire
   */
  public record Attribute(String dataType, String value) {}

  /** The value of an attribute, or null if the message has none of that name. */
  public String attribute(String name) {
    Attribute a = attributes.get(name);
    return a == null ? null : a.value();
  }
}
