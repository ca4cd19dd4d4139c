package io.stackwatch.web.api;

import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.notify.outbox.OutboxMessage.Status;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/notifications}: the outbox as JSON, newest first, with the count per status. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

  private final Outbox outbox;

  NotificationsResource(Outbox outbox) {
    this.outbox = outbox;
  }

  @GET
  public NotificationsJson get() {
    Map<Status, Long> counts = outbox.counts();
    return new NotificationsJson(
        counts.get(Status.PENDING),
        counts.get(Status.FAILED),
        counts.get(Status.SENT),
        outbox.recent(Outbox.LISTED).stream().map(NotificationJson::of).toList());
  }

  /** Counts per status and the newest messages. */
  public record NotificationsJson(
      long pending, long failed, long sent, List<NotificationJson> messages) {}

  /** One message; times are null when they have not happened. */
  public record NotificationJson(
      long id,
      String status,
      String topicArn,
      String environment,
      String event,
      String severity,
      String format,
      String subject,
      String body,
      String deduplicationId,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Instant sentAt,
      String messageId) {

    static NotificationJson of(OutboxMessage m) {
      return new NotificationJson(
          m.id(),
          m.status().name().toLowerCase(Locale.ROOT),
          m.topicArn(),
          m.environment(),
          m.event().attributeValue(),
          m.severity().yamlName(),
          m.format().name().toLowerCase(Locale.ROOT),
          m.subject(),
          m.body(),
          m.deduplicationId(),
          m.attempts(),
          m.lastError().orElse(null),
          m.createdAt(),
          m.status() == Status.PENDING ? m.nextAttemptAt() : null,
          m.lastAttemptAt().orElse(null),
          m.sentAt().orElse(null),
          m.messageId().orElse(null));
    }
  }
}
