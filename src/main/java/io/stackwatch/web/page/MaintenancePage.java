package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.audit.Audit;
import io.stackwatch.maintenance.Evidence;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceItem;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.maintenance.MaintenanceStore.SignOff;
import io.stackwatch.maintenance.Schedule;
import io.stackwatch.maintenance.Verdict;
import io.stackwatch.security.AuthConfig;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.web.chart.Display;
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
import java.util.ArrayList;
import java.util.List;
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

  private final Snapshots snapshots;
  private final Maintenance maintenance;
  private final Audit audit;
  private final SecurityIdentity identity;
  private final boolean open;
  private final Clock clock;

  MaintenancePage(
      Snapshots snapshots,
      Maintenance maintenance,
      Audit audit,
      SecurityIdentity identity,
      AuthConfig auth,
      Clock clock) {
    this.snapshots = snapshots;
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
    StackSnapshot snapshot = snapshots.current();
    List<ScopeRow> rows = new ArrayList<>();
    for (String scope : snapshot.maintenanceScopes()) {
      List<ItemStatus> items = snapshot.maintenance(scope);
      List<ItemStatus> failing = items.stream().filter(MaintenancePage::failing).toList();
      rows.add(
          new ScopeRow(
              scope,
              count(items, Schedule.Status.OVERDUE),
              failing.size(),
              count(items, Schedule.Status.DUE),
              count(items, Schedule.Status.DONE),
              items.stream()
                  .filter(s -> s.state().isOverdue())
                  .map(s -> row(s, now, List.of()))
                  .toList(),
              failing.stream().map(s -> row(s, now, List.of())).toList()));
    }
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
   * does not repost). A chore whose latest check failed needs a reason: without one the page comes
   * back with a 400 saying so, and nothing is recorded.
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
      @FormParam("reason") String reason,
      @Context HttpServerRequest request) {
    Actor actor = Actor.of(identity, request);
    String who = open ? by : actor.user();
    try {
      SignOff s =
          maintenance.signOffOf(environment, item, who, note, reason, Optional.of(actor.address()));
      audit.record(
          actor.user(),
          "maintenance.sign-off",
          environment + "/" + item,
          actor.address(),
          c -> {
            MaintenanceStore.insert(c, s);
            return "by "
                + who
                + (s.note().isEmpty() ? "" : ": " + s.note())
                + s.reason()
                    .map(
                        r ->
                            "; signed off while its check failed ("
                                + s.failingCheck().orElse("")
                                + "), reason: "
                                + r)
                    .orElse("");
          });
      snapshots.publishMaintenance();
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
    StackSnapshot snapshot = snapshots.current();
    if (!snapshot.maintenanceScopes().contains(environment)) {
      throw new NotFoundException("No environment " + environment + ".");
    }
    Instant now = clock.instant();
    List<ItemRow> items =
        snapshot.maintenance(environment).stream()
            .map(s -> row(s, now, maintenance.recentHistory(environment, s.item().id())))
            .toList();
    return Templates.environment(environment, items, error, Actor.canOperate(identity), open);
  }

  /** Whether a chore's latest check failed. */
  static boolean failing(ItemStatus s) {
    return s.evidence().filter(e -> e.verdict() == Verdict.FAIL).isPresent();
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
        state.status(),
        when,
        s.lastDone().map(t -> Display.age(t, now)).orElse("never"),
        item.check().isPresent(),
        e.map(Evidence::verdict).orElse(null),
        e.map(Evidence::detail).orElse(""),
        e.map(x -> Display.age(x.at(), now)).orElse(""),
        history.size() > Maintenance.HISTORY_SHOWN,
        history.stream()
            .limit(Maintenance.HISTORY_SHOWN)
            .map(
                h ->
                    new SignOffRow(
                        h.by(),
                        WHEN.format(h.at()),
                        Display.age(h.at(), now),
                        h.note(),
                        h.sourceAddress().orElse(""),
                        h.reason().orElse(""),
                        h.failingCheck().orElse("")))
            .toList());
  }

  /**
   * One environment (or the global chores) on the overview.
   *
   * @param failing how many of its chores' latest checks failed
   * @param failingItems those chores
   */
  record ScopeRow(
      String environment,
      long overdue,
      long failing,
      long due,
      long done,
      List<ItemRow> overdueItems,
      List<ItemRow> failingItems) {}

  /** One chore as shown; {@code verdict} is null until its check ran. */
  record ItemRow(
      String environment,
      String id,
      String title,
      String cadence,
      String why,
      String how,
      boolean critical,
      Schedule.Status status,
      String when,
      String lastDone,
      boolean automated,
      Verdict verdict,
      String evidence,
      String evidenceAge,
      boolean olderNotShown,
      List<SignOffRow> history) {

    public boolean overdue() {
      return status == Schedule.Status.OVERDUE;
    }

    /** Whether its latest check failed: signing it off then asks for a reason. */
    public boolean failing() {
      return verdict == Verdict.FAIL;
    }
  }

  /**
   * One sign-off of the audit trail.
   *
   * @param reason why it was signed off while its check failed; empty otherwise
   * @param failingCheck what the check said then
   */
  record SignOffRow(
      String by,
      String at,
      String age,
      String note,
      String from,
      String reason,
      String failingCheck) {}
}
