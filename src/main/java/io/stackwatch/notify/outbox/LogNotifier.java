package io.stackwatch.notify.outbox;

import org.jboss.logging.Logger;

/** {@link Notifier} for development: writes each message to the log instead of publishing it. */
public final class LogNotifier implements Notifier {

  private static final Logger LOG = Logger.getLogger(LogNotifier.class);

  @Override
  public String publish(OutboxMessage m) {
    LOG.infof(
        "Notification to %s %s%nSubject: %s%n%n%s",
        m.topicArn(), m.attributes(), m.subject(), m.body());
    return "log-" + m.deduplicationId();
  }
}
