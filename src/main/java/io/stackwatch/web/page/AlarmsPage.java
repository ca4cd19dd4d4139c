package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Silence;
import io.stackwatch.audit.Audit;
import io.stackwatch.security.AuthConfig;
import io.stackwatch.security.Role;
import io.stackwatch.series.Unit;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.web.chart.Display;
import io.stackwatch.web.page.AlarmRow.AcknowledgementRow;
import io.stackwatch.web.page.AlarmRow.AlarmDetail;
import io.stackwatch.web.page.AlarmRow.HistoryRow;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code /alarms}: every alarm of every environment, worst first; one alarm's history, its silences
 * and the form that silences it; and its acknowledgement by an operator.
 */
@Path("/alarms")
public class AlarmsPage {

  /** Longest note kept with an acknowledgement. */
  static final int NOTE_LIMIT = 1000;

  /** Transitions an alarm's page lists at most, newest first. */
  static final int HISTORY = 200;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance alarms(
        List<AlarmRow> alarms, String caption, AlarmFilter filter, List<String> environments);

    static native TemplateInstance history(AlarmDetail detail, boolean canOperate, boolean askName);
  }

  private final Snapshots snapshots;
  private final AlarmEngine engine;
  private final Acknowledgements acknowledgements;
  private final Audit audit;
  private final SecurityIdentity identity;
  private final boolean open;
  private final Clock clock;

  AlarmsPage(
      Snapshots snapshots,
      AlarmEngine engine,
      Acknowledgements acknowledgements,
      Audit audit,
      SecurityIdentity identity,
      AuthConfig auth,
      Clock clock) {
    this.snapshots = snapshots;
    this.engine = engine;
    this.acknowledgements = acknowledgements;
    this.audit = audit;
    this.identity = identity;
    this.open = auth.mode() == AuthConfig.Mode.OPEN;
    this.clock = clock;
  }

  /** Every alarm, or those the filters in the URL keep (see {@link AlarmFilter}). */
  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance all(
      @QueryParam("environment") String environment,
      @QueryParam("state") String state,
      @QueryParam("severity") String severity,
      @QueryParam("category") String category,
      @QueryParam("acknowledged") String acknowledged,
      @QueryParam("silenced") String silenced,
      @QueryParam("q") String q) {
    Instant now = clock.instant();
    StackSnapshot snapshot = snapshots.current();
    List<String> environments =
        snapshot.environments().stream().map(EnvironmentState::name).toList();
    AlarmFilter filter =
        AlarmFilter.parse(
            environments, environment, state, severity, category, acknowledged, silenced, q, now);
    List<AlarmReading> all = snapshot.alarms();
    List<AlarmRow> kept =
        all.stream().filter(filter::matches).map(a -> AlarmRow.of(a, now)).toList();
    String caption =
        filter.any()
            ? kept.size() + " of " + all.size() + " alarms, worst first"
            : "Every alarm, worst first";
    return Templates.alarms(kept, caption, filter, environments);
  }

  @GET
  @Path("/{environment}/{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance history(
      @PathParam("environment") String environment, @PathParam("id") String id) {
    AlarmReading a =
        snapshots.current().alarm(environment, id).orElseThrow(() -> noAlarm(environment, id));
    Instant now = clock.instant();
    Unit unit = a.status().instance().series().unit();
    return Templates.history(
        new AlarmDetail(
            AlarmRow.of(a, now),
            a.acknowledgement()
                .map(
                    k ->
                        new AcknowledgementRow(
                            k.user(), k.at().toString(), Display.age(k.at(), now), k.note()))
                .orElse(null),
            engine.history(a.key(), HISTORY).stream()
                .map(t -> HistoryRow.of(t, unit, now))
                .toList(),
            a.silences().stream()
                .filter(s -> s.state(now) != Silence.State.EXPIRED)
                .map(s -> SilencesPage.SilenceRow.of(s, now, List.of()))
                .toList()),
        Actor.canOperate(identity),
        open);
  }

  /** Acknowledges the alarm in its present state, records who did, and shows its page again. */
  @POST
  @Path("/{environment}/{id}/acknowledge")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response acknowledge(
      @PathParam("environment") String environment,
      @PathParam("id") String id,
      @FormParam("note") String note,
      @Context HttpServerRequest request) {
    String key =
        snapshots
            .current()
            .alarm(environment, id)
            .orElseThrow(() -> noAlarm(environment, id))
            .key();
    String kept = note == null ? "" : note.strip();
    if (kept.indexOf('\0') >= 0) {
      // PostgreSQL stores no NUL in text: refused here, on every store alike.
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity("The note may not hold a NUL character.")
          .build();
    }
    if (kept.length() > NOTE_LIMIT) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity("The note is longer than " + NOTE_LIMIT + " characters.")
          .build();
    }
    Actor actor = Actor.of(identity, request);
    Acknowledgement a = Acknowledgements.of(key, clock.instant(), actor.user(), kept);
    audit.record(
        actor.user(),
        "alarm.acknowledge",
        key,
        actor.address(),
        c -> {
          Acknowledgements.insert(c, a);
          return kept;
        });
    snapshots.publishAlarms();
    return Response.seeOther(URI.create("/alarms/" + environment + "/" + id)).build();
  }

  private static NotFoundException noAlarm(String environment, String id) {
    return new NotFoundException("No alarm " + id + " in environment " + environment + ".");
  }
}
