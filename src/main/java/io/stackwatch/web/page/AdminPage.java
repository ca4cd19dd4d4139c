package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.audit.Audit;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.poll.PollJob;
import io.stackwatch.security.Role;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.web.chart.Display;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code /admin}: reloading the alarm rules, finding the resources again, and the audit trail of
 * every change people made ({@code /admin/audit}; JSON: {@code /api/audit}). Admins only.
 */
@Path("/")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance admin(
        Outcome outcome, int page, Integer newer, Integer older, List<AuditRow> events);
  }

  private final AlarmEngine engine;
  private final PollJob pipeline;
  private final Snapshots snapshots;
  private final Audit audit;
  private final SecurityIdentity identity;
  private final Clock clock;

  AdminPage(
      AlarmEngine engine,
      PollJob pipeline,
      Snapshots snapshots,
      Audit audit,
      SecurityIdentity identity,
      Clock clock) {
    this.engine = engine;
    this.pipeline = pipeline;
    this.snapshots = snapshots;
    this.audit = audit;
    this.identity = identity;
    this.clock = clock;
  }

  @GET
  @Path("/admin")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get() {
    return page(null);
  }

  /** The audit trail, {@value Audit#LISTED} events a page, newest first. */
  @GET
  @Path("/admin/audit")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance auditPage(@QueryParam("page") String page) {
    return page(null, AuditPages.number(page));
  }

  /**
   * Reads {@code alarms/*.yaml} again. A broken file keeps the rules in force and answers 422 with
   * every problem by file, line, rule and field.
   */
  @POST
  @Path("/admin/rules/reload")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response reload(@Context HttpServerRequest request) {
    Actor actor = Actor.of(identity, request);
    Outcome[] done = new Outcome[1];
    // With its audit row, or not at all: while the store is away nothing is reloaded (503).
    audit.record(
        actor.user(),
        "rules.reload",
        "alarms",
        actor.address(),
        c -> {
          try {
            AlarmEngine.Reload r = engine.reload();
            done[0] =
                new Outcome(
                    true,
                    "Rules reloaded: " + r.rules() + " rules, " + r.alarms() + " alarms.",
                    List.of());
            return done[0].message();
          } catch (DataFileException e) {
            done[0] =
                new Outcome(
                    false,
                    "The rule files have problems; the rules in force are unchanged.",
                    e.errors());
            return "refused: " + String.join("; ", e.errors());
          }
        });
    Outcome outcome = done[0];
    if (outcome.ok()) {
      snapshots.publishAlarms();
    }
    // Unprocessable Content: JAX-RS's Response.Status has no constant for it.
    int status = outcome.ok() ? 200 : 422;
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(page(outcome).render())
        .build();
  }

  /**
   * Finds every environment's resources now, rather than at discovery's next run: a resource added
   * to the stack is then watched at the next poll.
   */
  @POST
  @Path("/admin/resources/discover")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response discover(@Context HttpServerRequest request) {
    Actor actor = Actor.of(identity, request);
    Outcome[] done = new Outcome[1];
    // With its audit row, or not at all: while the store is away nothing is looked for (503).
    audit.record(
        actor.user(),
        "resources.discover",
        "environments",
        actor.address(),
        c -> {
          boolean changed = pipeline.rediscover();
          long resources =
              snapshots.current().environments().stream()
                  .mapToLong(e -> e.inventory().resources().size())
                  .sum();
          done[0] =
              new Outcome(
                  true,
                  (changed ? "Resources changed: " : "No change: ")
                      + resources
                      + " resources in "
                      + snapshots.current().environments().size()
                      + " environments.",
                  List.of());
          return done[0].message();
        });
    Outcome outcome = done[0];
    return Response.ok(page(outcome).render(), MediaType.TEXT_HTML_TYPE).build();
  }

  private TemplateInstance page(Outcome outcome) {
    return page(outcome, 1);
  }

  private TemplateInstance page(Outcome outcome, int number) {
    Instant now = clock.instant();
    List<io.stackwatch.audit.AuditEvent> events =
        audit.page(Audit.LISTED + 1, (number - 1) * Audit.LISTED);
    return Templates.admin(
        outcome,
        number,
        number > 1 ? number - 1 : null,
        events.size() > Audit.LISTED && number < Audit.LAST_PAGE ? number + 1 : null,
        events.stream()
            .limit(Audit.LISTED)
            .map(
                e ->
                    new AuditRow(
                        e.at().toString(),
                        Display.age(e.at(), now),
                        e.user(),
                        e.action(),
                        e.target(),
                        clip(e.detail()),
                        e.sourceAddress()))
            .toList());
  }

  /** Details shown in the list at most; the JSON API ({@code /api/audit}) has them whole. */
  static final int DETAIL_SHOWN = 300;

  private static String clip(String detail) {
    return detail.length() <= DETAIL_SHOWN ? detail : detail.substring(0, DETAIL_SHOWN) + "…";
  }

  /** What a reload did. */
  record Outcome(boolean ok, String message, List<String> errors) {}

  /** One audit event on the page. */
  record AuditRow(
      String at,
      String age,
      String user,
      String action,
      String target,
      String detail,
      String sourceAddress) {}
}
