package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.audit.Audit;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.notify.TestNotification;
import io.stackwatch.notify.TopicChecks;
import io.stackwatch.notify.grouping.AlertGroupState;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.grouping.GroupedAlarm;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.notify.outbox.OutboxMessage.Status;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.routing.Route;
import io.stackwatch.security.Role;
import io.stackwatch.web.chart.Display;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /notifications}: the alert groups waiting to be sent, and the outbox, newest first: sent,
 * pending and failed messages with topic, subject, attempts, last error and times. Reads the
 * database; never calls AWS.
 */
@Path("/notifications")
public class NotificationsPage {

  /** Messages listed at most. */
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance notifications(
        List<TopicRow> topics,
        List<RouteRow> routes,
        Counts counts,
        List<GroupRow> groups,
        List<MessageRow> messages,
        List<String> environments,
        boolean canOperate);
  }

  private final Outbox outbox;
  private final TopicChecks checks;
  private final AlertNotifications alerts;
  private final TestNotification test;
  private final Catalog catalog;
  private final Audit audit;
  private final SecurityIdentity identity;
  private final Clock clock;

  NotificationsPage(
      Outbox outbox,
      TopicChecks checks,
      AlertNotifications alerts,
      TestNotification test,
      Catalog catalog,
      Audit audit,
      SecurityIdentity identity,
      Clock clock) {
    this.outbox = outbox;
    this.checks = checks;
    this.alerts = alerts;
    this.test = test;
    this.catalog = catalog;
    this.audit = audit;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Writes a test message for the environment's alerts topic to the outbox, records who asked, and
   * shows the list, where it waits until the notifier sends it.
   */
  @POST
  @Path("/test")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response sendTest(
      @FormParam("environment") String environment, @Context HttpServerRequest request) {
    if (environment == null || catalog.find(environment).isEmpty()) {
      throw new NotFoundException("No environment named " + environment + ".");
    }
    Actor actor = Actor.of(identity, request);
    audit.record(
        actor.user(),
        "notification.test",
        environment,
        actor.address(),
        c ->
            test.enqueue(c, environment, actor.user())
                .map(t -> "to " + t.arn())
                .orElse("no alerts topic"));
    return Response.seeOther(URI.create("/notifications")).build();
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get() {
    Instant now = clock.instant();
    Map<Status, Long> counts = outbox.counts();
    return Templates.notifications(
        topics(now),
        alerts.routes().all().stream().map(NotificationsPage::route).toList(),
        new Counts(counts.get(Status.PENDING), counts.get(Status.FAILED), counts.get(Status.SENT)),
        alerts.groups().stream().map(g -> group(g, now)).toList(),
        outbox.recent(Outbox.LISTED).stream().map(m -> row(m, now)).toList(),
        catalog.environments().stream().map(Environment::name).toList(),
        Actor.canOperate(identity));
  }

  private static RouteRow route(Route r) {
    GroupTimings t = r.timings();
    return new RouteRow(
        r.key().equals(Route.ROOT) ? "every alarm no other route takes" : r.describe(),
        r.topic().name().toLowerCase(java.util.Locale.ROOT),
        r.format().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).orElse("the topic's"),
        duration(t.groupWait()) + ", " + duration(t.groupInterval()),
        duration(t.repeatCritical())
            + ", "
            + duration(t.repeatWarning())
            + ", "
            + t.repeatInfo().map(NotificationsPage::duration).orElse("never"),
        r.continueMatching());
  }

  /** Such as {@code 30 s}, {@code 5 min}, {@code 4 h}, {@code 1 d}. */
  static String duration(java.time.Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0 && s > 0) {
      return s / 86_400 + " d";
    }
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + " min";
    }
    return s + " s";
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
        m.status(),
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

  /** Every topic with what its last check found, and the environments that have none. */
  private List<TopicRow> topics(Instant now) {
    List<TopicRow> rows = new java.util.ArrayList<>();
    for (Topic t : checks.topics().all()) {
      Optional<TopicChecks.Check> c = checks.of(t.arn());
      rows.add(
          new TopicRow(
              t.environment(),
              t.purpose().name().toLowerCase(Locale.ROOT),
              t.arn(),
              t.format().name().toLowerCase(Locale.ROOT),
              c.map(x -> x.problem().isEmpty()).orElse(true),
              c.map(
                      x ->
                          x.problem().map(p -> p).orElse("usable")
                              + ", checked "
                              + Display.age(x.at(), now))
                  .orElse("not checked yet")));
    }
    checks
        .topics()
        .problems()
        .forEach(
            (env, why) ->
                rows.add(
                    new TopicRow(
                        env, "alerts and notifications", "none", "", false, "no topic: " + why)));
    return rows;
  }

  /** A topic and what its check found; {@code ok} false when it cannot be used. */
  record TopicRow(
      String environment, String purpose, String arn, String format, boolean ok, String status) {}

  /** Messages per status. */
  record Counts(long pending, long failed, long sent) {}

  /** An open alert group. */
  /**
   * One route of {@code alarms/routes.yaml}, as in force.
   *
   * @param matches which alarms it takes, such as {@code {category="cost"}}
   * @param timings group wait and group interval
   * @param repeats repeat intervals of critical, warning and info alarms
   */
  record RouteRow(
      String matches,
      String topic,
      String format,
      String timings,
      String repeats,
      boolean continueMatching) {}

  record GroupRow(
      String environment,
      String incident,
      long firing,
      long resolved,
      String changes,
      String lastSent) {}

  /** One message of the outbox as listed. */
  record MessageRow(
      OutboxMessage.Status status,
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
