package io.stackwatch.notify.outbox;

import io.stackwatch.notify.message.TopicFormat;

/**
 * An SNS topic stackwatch publishes to.
 *
 * @param environment the environment whose messages it carries
 * @param purpose what it carries
 * @param arn its ARN, {@code arn:aws:sns:<region>:<account>:<name>}
 * @param format how its messages are written
 */
public record Topic(String environment, Purpose purpose, String arn, TopicFormat format) {

  /** What a topic carries. */
  public enum Purpose {
    /** Alert summaries: the seed's {@code <env>-alerts}. */
    ALERTS,
    /** The daily digest: the seed's {@code <env>-notifications}. */
    NOTIFICATIONS
  }

  public Topic {
    if (!isArn(arn)) {
      throw new IllegalArgumentException(
          "not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>): " + arn);
    }
  }

  /** The region in the ARN, where the topic is published to. */
  public String region() {
    return arn.split(":", -1)[3];
  }

  /** The topic's name, the last part of its ARN. */
  public String name() {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  /** FIFO topics (names ending {@code .fifo}) need a group and a deduplication id per message. */
  public boolean fifo() {
    return isFifo(arn);
  }

  static boolean isFifo(String arn) {
    return arn.endsWith(".fifo");
  }

  public static boolean isArn(String arn) {
    String[] parts = arn.split(":", -1);
    return parts.length == 6
        && parts[0].equals("arn")
        && parts[1].startsWith("aws")
        && parts[2].equals("sns")
        && !parts[3].isEmpty()
        && parts[4].matches("\\d{12}")
        && !parts[5].isEmpty();
  }
}
