package io.stackwatch.notify;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.message.ChatbotNotification;
import io.stackwatch.notify.message.Message;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.Topic;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A test message to an environment's alerts topic, so an operator can check that the whole way to
 * the people on call works. It goes through the outbox like any summary, in the topic's format.
 */
@Singleton
public class TestNotification {

  private final NotifyTopics topics;
  private final Outbox outbox;
  private final Clock clock;

  public TestNotification(NotifyTopics topics, Outbox outbox, Clock clock) {
    this.topics = topics;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Writes the test message to the outbox; the notifier sends it on its next round.
   *
   * @return the topic it goes to, or empty for an environment without one
   */
  /**
   * Writes the test message to the outbox within the caller's transaction (with its audit row).
   *
   * @return the topic it goes to, or empty for an environment without one
   */
  public Optional<Topic> enqueue(Connection c, String environment, String requestedBy)
      throws SQLException {
    Optional<Topic> topic = topics.alerts(environment);
    if (topic.isPresent()) {
      Instant now = clock.instant();
      List<Delivery> message =
          List.of(new Delivery(topic.get(), message(topic.get(), requestedBy, now)));
      Outbox.insert(c, message, Outbox.deduplicationIds(1), now);
    }
    return topic;
  }

  public Optional<Topic> enqueue(String environment, String requestedBy) {
    Optional<Topic> topic = topics.alerts(environment);
    topic.ifPresent(
        t -> {
          Instant now = clock.instant();
          outbox.enqueue(List.of(new Delivery(t, message(t, requestedBy, now))), now);
        });
    return topic;
  }

  static Message message(Topic topic, String requestedBy, Instant at) {
    String subject = "[" + topic.environment() + "] stackwatch test notification";
    String text =
        "This is a test message from stackwatch, sent by "
            + requestedBy
            + " at "
            + at
            + " to check that alert summaries of "
            + topic.environment()
            + " reach this topic ("
            + topic.name()
            + "). Nothing is wrong.";
    String body =
        switch (topic.format()) {
          case TEXT -> text + "\n";
          case CHATBOT ->
              ChatbotNotification.of(
                      new ChatbotNotification.Content(
                          "client-markdown",
                          subject,
                          text,
                          List.of(),
                          List.of(topic.environment(), "test")),
                      new ChatbotNotification.Metadata(
                          null, subject, NotificationEvent.TEST.attributeValue()))
                  .toJson();
        };
    return new Message(topic.environment(), NotificationEvent.TEST, Severity.INFO, subject, body);
  }
}
