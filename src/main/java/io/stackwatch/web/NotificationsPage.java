package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.notify.AlertGroupState;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.notify.GroupedAlarm;
import io.stackwatch.notify.Outbox;
import io.stackwatch.notify.OutboxMessage;
import io.stackwatch.notify.OutboxMessage.Status;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /notifications}: the alert groups waiting to be sent, and the outbox, newest first: sent,
 * pending and failed messages with topic, subject, attempts, last error and times. Reads the
 * database; never calls AWS.
 */
@Path("/notifications")
public class NotificationsPage {

  /** Messages listed at most. */
  static final int LISTED = 200;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance notifications(
        Counts counts, List<GroupRow> groups, List<MessageRow> messages);
  }

  private final Outbox outbox;
  private final AlertNotifications alerts;
  private final Clock clock;

  NotificationsPage(Outbox outbox, AlertNotifications alerts, Clock clock) {
    this.outbox = outbox;
    this.alerts = alerts;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get() {
    Instant now = clock.instant();
    Map<Status, Long> counts = outbox.counts();
    return Templates.notifications(
        new Counts(counts.get(Status.PENDING), counts.get(Status.FAILED), counts.get(Status.SENT)),
        alerts.groups().stream().map(g -> group(g, now)).toList(),
        outbox.recent(LISTED).stream().map(m -> row(m, now)).toList());
  }

  private static GroupRow group(AlertGroupState g, Instant now) {
    long firing = g.alarms().stream().filter(GroupedAlarm::firing).count();
    return new GroupRow(
        g.environment(),
        g.incident(),
        firing,
        g.alarms().size() - firing,
        g.changedAt().map(t -> "changes waiting since " + Display.age(t, now)).orElse("no change"),
        g.lastSentAt().map(t -> Display.age(t, now)).orElse("never"));
  }

  private static MessageRow row(OutboxMessage m, Instant now) {
    String when =
        switch (m.status()) {
          case SENT -> "sent " + m.sentAt().map(t -> Display.age(t, now)).orElse("");
          case FAILED -> "not tried again";
          case PENDING ->
              m.nextAttemptAt().isAfter(now)
                  ? "next attempt in " + seconds(Duration.between(now, m.nextAttemptAt()))
                  : "due now";
        };
    return new MessageRow(
        m.status().name().toLowerCase(Locale.ROOT),
        switch (m.status()) {
          case SENT -> "ok";
          case PENDING -> "unknown";
          case FAILED -> "alarm";
        },
        m.topicName(),
        m.environment(),
        m.event().attributeValue(),
        m.severity().yamlName(),
        m.format().name().toLowerCase(Locale.ROOT),
        m.subject(),
        m.deduplicationId(),
        m.attempts(),
        m.lastError().orElse(""),
        m.createdAt().toString(),
        Display.age(m.createdAt(), now),
        when);
  }

  private static String seconds(Duration d) {
    long s = d.getSeconds();
    return s < 120 ? s + " s" : s / 60 + " min";
  }

  /** Messages per status. */
  record Counts(long pending, long failed, long sent) {}

  /** An open alert group. */
  record GroupRow(
      String environment,
      String incident,
      long firing,
      long resolved,
      String changes,
      String lastSent) {}

  /** One message of the outbox as listed. */
  record MessageRow(
      String status,
      String statusClass,
      String topic,
      String environment,
      String event,
      String severity,
      String format,
      String subject,
      String deduplicationId,
      int attempts,
      String lastError,
      String createdAt,
      String created,
      String when) {}
}
