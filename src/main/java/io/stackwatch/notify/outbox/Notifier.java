package io.stackwatch.notify.outbox;

/**
 * Where outbox messages go: SNS for real use ({@link SnsNotifier}), the log for development ({@link
 * LogNotifier}), chosen by {@code stackwatch.notify.notifier}.
 */
public interface Notifier {

  /**
   * Publishes one message with its attributes (and FIFO group and deduplication id on a FIFO
   * topic).
   *
   * @return the MessageId the service returned
   * @throws PublishException if it was not taken
   */
  String publish(OutboxMessage message);
}
