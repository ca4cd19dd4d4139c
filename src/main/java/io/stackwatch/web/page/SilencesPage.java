package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.alarm.InvalidSilence;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.SilenceMatcher;
import io.stackwatch.alarm.SilenceRequest;
import io.stackwatch.alarm.SilenceRequest.MatcherRequest;
import io.stackwatch.alarm.Silences;
import io.stackwatch.security.AuthConfig;
import io.stackwatch.security.Role;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.Snapshots;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /silences}: the silences active, pending and expired, each with the alarms it matches; the
 * form that makes one (also posted from an alarm's page, prefilled with that alarm) and the button
 * that expires one early, both for operators, both CSRF-protected forms.
 */
@Path("/silences")
public class SilencesPage {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** The alarm pages a form may return to. */
  private static final Pattern BACK = Pattern.compile("/alarms/[A-Za-z0-9._~-]+/[A-Za-z0-9._~:-]+");

  /** Alarms a silence's row links to at most. */
  static final int ALARMS_SHOWN = 10;

  /** Where a silence is shown. */
  static String url(String id) {
    return "/silences#silence-" + id;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance silences(
        List<Section> sections,
        SilenceForm form,
        List<String> ops,
        String error,
        boolean canOperate,
        boolean askName);
  }

  /** One state's silences. */
  record Section(String key, String title, List<SilenceRow> rows) {}

  /** An alarm a silence matches. */
  record AlarmLink(String key, String url) {}

  /**
   * A silence as a row.
   *
   * @param alarms the alarms it matches, at most {@value #ALARMS_SHOWN}
   * @param moreAlarms how many more it matches
   * @param expirable whether it has not ended
   */
  record SilenceRow(
      String id,
      String state,
      String matchers,
      String startsAt,
      String startsAtIso,
      String endsAt,
      String endsAtIso,
      String createdBy,
      String createdAt,
      String comment,
      String expiredBy,
      String url,
      List<AlarmLink> alarms,
      int moreAlarms,
      boolean expirable) {

    static SilenceRow of(Silence s, Instant now, List<AlarmReading> alarms) {
      List<AlarmLink> matched =
          alarms.stream()
              .filter(a -> s.matches(a.status().instance()))
              .map(
                  a ->
                      new AlarmLink(
                          a.key(),
                          "/alarms/"
                              + a.status().instance().environment()
                              + "/"
                              + a.status().instance().id()))
              .toList();
      Silence.State state = s.state(now);
      return new SilenceRow(
          s.id(),
          state.key(),
          s.matchersText(),
          WHEN.format(s.startsAt()),
          s.startsAt().toString(),
          WHEN.format(s.endsAt()),
          s.endsAt().toString(),
          s.createdBy(),
          WHEN.format(s.createdAt()),
          s.comment(),
          s.expiredBy().orElse(""),
          SilencesPage.url(s.id()),
          matched.stream().limit(ALARMS_SHOWN).toList(),
          Math.max(0, matched.size() - ALARMS_SHOWN),
          state != Silence.State.EXPIRED);
    }
  }

  /** One matcher of the form. */
  record MatcherField(String label, String op, String value) {}

  /** What the form shows: empty for a new silence, as sent after a refusal. */
  record SilenceForm(
      List<MatcherField> matchers,
      String startsAt,
      String endsAt,
      String duration,
      String comment) {

    static SilenceForm empty() {
      return new SilenceForm(
          Arrays.stream(SilenceMatcher.Label.values())
              .map(l -> new MatcherField(l.key(), "=", ""))
              .toList(),
          "",
          "",
          "2h",
          "");
    }
  }

  /** The form's fields: a value and an operator per label, the times, the comment. */
  public static class FormFields {
    @FormParam("environment")
    public String environment;

    @FormParam("environment_op")
    public String environmentOp;

    @FormParam("alarm")
    public String alarm;

    @FormParam("alarm_op")
    public String alarmOp;

    @FormParam("severity")
    public String severity;

    @FormParam("severity_op")
    public String severityOp;

    @FormParam("category")
    public String category;

    @FormParam("category_op")
    public String categoryOp;

    @FormParam("resource")
    public String resource;

    @FormParam("resource_op")
    public String resourceOp;

    @FormParam("startsAt")
    public String startsAt;

    @FormParam("endsAt")
    public String endsAt;

    @FormParam("duration")
    public String duration;

    @FormParam("comment")
    public String comment;

    @FormParam("by")
    public String by;

    @FormParam("back")
    public String back;

    List<MatcherField> matchers() {
      List<MatcherField> out = new ArrayList<>();
      out.add(field("environment", environmentOp, environment));
      out.add(field("alarm", alarmOp, alarm));
      out.add(field("severity", severityOp, severity));
      out.add(field("category", categoryOp, category));
      out.add(field("resource", resourceOp, resource));
      return out;
    }

    private static MatcherField field(String label, String op, String value) {
      return new MatcherField(
          label, op == null || op.isBlank() ? "=" : op.strip(), value == null ? "" : value.strip());
    }

    /** The request: a matcher for each label given a value; an end, if given, over a duration. */
    SilenceRequest request() {
      List<MatcherRequest> given =
          matchers().stream()
              .filter(m -> !m.value().isEmpty())
              .map(m -> new MatcherRequest(m.label(), m.op(), m.value()))
              .toList();
      boolean ends = endsAt != null && !endsAt.isBlank();
      return new SilenceRequest(given, startsAt, endsAt, ends ? null : duration, comment);
    }

    SilenceForm form() {
      return new SilenceForm(
          matchers(),
          startsAt == null ? "" : startsAt,
          endsAt == null ? "" : endsAt,
          duration == null ? "" : duration,
          comment == null ? "" : comment);
    }
  }

  private final Snapshots snapshots;
  private final Silences silences;
  private final SilenceActions actions;
  private final SecurityIdentity identity;
  private final boolean open;
  private final Clock clock;

  SilencesPage(
      Snapshots snapshots,
      Silences silences,
      SilenceActions actions,
      SecurityIdentity identity,
      AuthConfig auth,
      Clock clock) {
    this.snapshots = snapshots;
    this.silences = silences;
    this.actions = actions;
    this.identity = identity;
    this.open = auth.mode() == AuthConfig.Mode.OPEN;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() {
    return page(SilenceForm.empty(), "");
  }

  /**
   * Makes a silence from the form, then shows it (303; to the alarm's page when made there); a
   * refused one shows the page again with what is wrong and the form as sent (400).
   */
  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response create(@BeanParam FormFields fields, @Context HttpServerRequest request) {
    Silence s;
    try {
      s = actions.create(fields.request(), fields.by, identity, request);
    } catch (InvalidSilence e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.TEXT_HTML_TYPE)
          .entity(page(fields.form(), e.getMessage()).render())
          .build();
    }
    String back = fields.back == null ? "" : fields.back.strip();
    return Response.seeOther(URI.create(BACK.matcher(back).matches() ? back : url(s.id()))).build();
  }

  /** Expires a silence now, then shows the silences again (303). */
  @POST
  @Path("/{id}/expire")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response expire(@PathParam("id") String id, @Context HttpServerRequest request) {
    try {
      actions.expire(id, identity, request);
    } catch (SilenceActions.AlreadyExpired e) {
      // Ended meanwhile, by its time or by someone else: the page shows it so.
    }
    return Response.seeOther(URI.create(url(id))).build();
  }

  private TemplateInstance page(SilenceForm form, String error) {
    Instant now = clock.instant();
    List<AlarmReading> alarms = snapshots.current().alarms();
    List<SilenceRow> rows =
        silences.listed(now).stream().map(s -> SilenceRow.of(s, now, alarms)).toList();
    List<Section> sections = new ArrayList<>();
    for (Silence.State state : Silence.State.values()) {
      String title =
          switch (state) {
            case ACTIVE -> "Active";
            case PENDING -> "Pending";
            case EXPIRED -> "Expired";
          };
      sections.add(
          new Section(
              state.key(),
              title,
              rows.stream().filter(r -> r.state().equals(state.key())).toList()));
    }
    // Active first: what holds now.
    sections.add(0, sections.remove(1));
    return Templates.silences(
        sections,
        form,
        Arrays.stream(SilenceMatcher.Op.values()).map(SilenceMatcher.Op::symbol).toList(),
        error,
        Actor.canOperate(identity),
        open);
  }
}
