package io.stackwatch.notify.outbox;

import java.util.Optional;

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

  /**
   * Whether a topic exists and may be used, as far as the service tells without publishing.
   *
   * @return why it cannot be used; empty when it can, or when the notifier cannot tell
   */
  default Optional<String> check(Topic topic) {
    return Optional.empty();
  }
}
