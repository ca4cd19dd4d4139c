package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.audit.Audit;
import io.stackwatch.maintenance.Evidence;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceItem;
import io.stackwatch.maintenance.MaintenanceLog.SignOff;
import io.stackwatch.maintenance.Schedule;
import io.stackwatch.security.AuthConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code /maintenance}: per environment what is due, what is overdue, the evidence AWS gave and who
 * signed what off; and the sign-off form (a CSRF-protected POST). Reads only the stored schedule
 * and evidence; the checks run on their own schedule.
 */
@Path("/maintenance")
public class MaintenancePage {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance overview(List<ScopeRow> scopes);

    static native TemplateInstance environment(
        String environment, List<ItemRow> items, String error, boolean canOperate, boolean askName);
  }

  private final Maintenance maintenance;
  private final Audit audit;
  private final SecurityIdentity identity;
  private final boolean open;
  private final Clock clock;

  MaintenancePage(
      Maintenance maintenance,
      Audit audit,
      SecurityIdentity identity,
      AuthConfig auth,
      Clock clock) {
    this.maintenance = maintenance;
    this.audit = audit;
    this.identity = identity;
    this.open = auth.mode() == AuthConfig.Mode.OPEN;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance overview() {
    Instant now = clock.instant();
    Map<String, List<ItemStatus>> all = maintenance.statuses(maintenance.scopes());
    List<ScopeRow> rows =
        all.entrySet().stream()
            .map(
                e ->
                    new ScopeRow(
                        e.getKey(),
                        count(e.getValue(), Schedule.Status.OVERDUE),
                        count(e.getValue(), Schedule.Status.DUE),
                        count(e.getValue(), Schedule.Status.DONE),
                        e.getValue().stream()
                            .filter(s -> s.state().isOverdue())
                            .map(s -> row(s, now, List.of()))
                            .toList()))
            .toList();
    return Templates.overview(rows);
  }

  @GET
  @Path("/{environment}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance environment(@PathParam("environment") String environment) {
    return page(environment, "");
  }

  /**
   * Records a sign-off by the signed-in person (with open access, by the name the form gives), in
   * the sign-off history and the audit trail, then shows the environment again (303, so a reload
   * does not repost).
   */
  @POST
  @Path("/{environment}/{item}/sign-off")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response signOff(
      @PathParam("environment") String environment,
      @PathParam("item") String item,
      @FormParam("by") String by,
      @FormParam("note") String note,
      @Context HttpServerRequest request) {
    Actor actor = Actor.of(identity, request);
    String who = open ? by : actor.user();
    try {
      maintenance.signOff(environment, item, who, note, Optional.of(actor.address()));
      audit.record(
          actor.user(),
          "maintenance.sign-off",
          environment + "/" + item,
          "by " + who + (note == null || note.isBlank() ? "" : ": " + note),
          actor.address());
    } catch (NoSuchElementException e) {
      throw new NotFoundException(e.getMessage());
    } catch (IllegalArgumentException e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.TEXT_HTML_TYPE)
          .entity(page(environment, e.getMessage()).render())
          .build();
    }
    return Response.seeOther(URI.create("/maintenance/" + environment + "#" + item)).build();
  }

  private TemplateInstance page(String environment, String error) {
    if (!maintenance.knows(environment)) {
      throw new NotFoundException("No environment " + environment + ".");
    }
    Instant now = clock.instant();
    List<ItemRow> items =
        maintenance.statuses(environment).stream()
            .map(s -> row(s, now, maintenance.history(environment, s.item().id())))
            .toList();
    return Templates.environment(environment, items, error, Actor.canOperate(identity), open);
  }

  private static long count(List<ItemStatus> items, Schedule.Status status) {
    return items.stream().filter(s -> s.state().status() == status).count();
  }

  static ItemRow row(ItemStatus s, Instant now, List<SignOff> history) {
    MaintenanceItem item = s.item();
    Schedule.State state = s.state();
    String when =
        switch (state.status()) {
          case DONE -> "done; next due " + WHEN.format(state.dueAt());
          case DUE ->
              "due since "
                  + WHEN.format(state.dueAt())
                  + ", overdue from "
                  + WHEN.format(state.overdueAt());
          case OVERDUE -> "overdue since " + WHEN.format(state.overdueAt());
        };
    Optional<Evidence> e = s.evidence();
    return new ItemRow(
        s.environment(),
        item.id(),
        item.title(),
        item.cadence().yamlName(),
        item.why(),
        item.how(),
        item.critical(),
        state.status().name().toLowerCase(java.util.Locale.ROOT),
        switch (state.status()) {
          case DONE -> "ok";
          case DUE -> "unknown";
          case OVERDUE -> "alarm";
        },
        when,
        s.lastDone().map(t -> Display.age(t, now)).orElse("never"),
        item.check().isPresent(),
        e.map(x -> x.verdict().name()).orElse(item.check().isPresent() ? "not run yet" : ""),
        e.map(
                x ->
                    switch (x.verdict()) {
                      case PASS -> "ok";
                      case FAIL -> "alarm";
                      case UNKNOWN -> "unknown";
                    })
            .orElse("unknown"),
        e.map(Evidence::detail).orElse(""),
        e.map(x -> Display.age(x.at(), now)).orElse(""),
        history.stream()
            .map(
                h ->
                    new SignOffRow(
                        h.by(),
                        WHEN.format(h.at()),
                        Display.age(h.at(), now),
                        h.note(),
                        h.sourceAddress().orElse("")))
            .toList());
  }

  /** One environment (or the global chores) on the overview. */
  record ScopeRow(
      String environment, long overdue, long due, long done, List<ItemRow> overdueItems) {}

  /** One chore as shown. */
  record ItemRow(
      String environment,
      String id,
      String title,
      String cadence,
      String why,
      String how,
      boolean critical,
      String status,
      String statusClass,
      String when,
      String lastDone,
      boolean automated,
      String verdict,
      String verdictClass,
      String evidence,
      String evidenceAge,
      List<SignOffRow> history) {}

  /** One sign-off of the audit trail. */
  record SignOffRow(String by, String at, String age, String note, String from) {}
}
