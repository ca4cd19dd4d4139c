package io.stackwatch.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.alarm.InvalidSilence;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.SilenceRequest;
import io.stackwatch.alarm.SilenceRequest.MatcherRequest;
import io.stackwatch.alarm.Silences;
import io.stackwatch.security.Role;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.web.page.SilenceActions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/silences}: the silences as JSON; {@code POST} makes one, {@code DELETE
 * /api/silences/{id}} expires one now (it stays listed, expired). Making and expiring need the
 * operator role; a body that is wrong is a 400 naming the field ({@code {"error": ..., "field":
 * "matchers[0].value"}}).
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Set<String> FIELDS =
      Set.of("matchers", "startsAt", "endsAt", "duration", "comment", "createdBy");

  private static final Set<String> MATCHER_FIELDS = Set.of("name", "op", "value");

  private final Silences silences;
  private final SilenceActions actions;
  private final Snapshots snapshots;
  private final SecurityIdentity identity;
  private final Clock clock;

  SilencesResource(
      Silences silences,
      SilenceActions actions,
      Snapshots snapshots,
      SecurityIdentity identity,
      Clock clock) {
    this.silences = silences;
    this.actions = actions;
    this.snapshots = snapshots;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * The silences that have not ended and the {@value Silences#EXPIRED_LISTED} that ended last, or
   * those of one state ({@code ?state=active}, {@code pending}, {@code expired}).
   */
  @GET
  public List<SilenceJson> list(@QueryParam("state") String state) {
    Instant now = clock.instant();
    Silence.State only = state == null || state.isBlank() ? null : state(state);
    List<AlarmReading> alarms = snapshots.current().alarms();
    return silences.listed(now).stream()
        .filter(s -> only == null || s.state(now) == only)
        .map(s -> SilenceJson.of(s, now, alarms))
        .toList();
  }

  @GET
  @Path("/{id}")
  public SilenceJson one(@PathParam("id") String id) {
    Instant now = clock.instant();
    return SilenceJson.of(find(id), now, snapshots.current().alarms());
  }

  /** Makes a silence: 201 with it and its address, or 400 naming the field that is wrong. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response create(String body, @Context HttpServerRequest request) {
    Silence s;
    try {
      JsonNode json = parse(body);
      s = actions.create(request(json), text(json, "createdBy"), identity, request);
    } catch (InvalidSilence e) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(error(e.getMessage(), e.field()))
          .build();
    }
    return Response.created(URI.create("/api/silences/" + s.id()))
        .entity(SilenceJson.of(s, clock.instant(), snapshots.current().alarms()))
        .build();
  }

  /** Expires a silence now: 200 with it, 404 for no such silence, 409 when it had ended. */
  @DELETE
  @Path("/{id}")
  @RolesAllowed(Role.OPERATOR_NAME)
  public Response expire(@PathParam("id") String id, @Context HttpServerRequest request) {
    try {
      Silence s = actions.expire(id, identity, request);
      return Response.ok(SilenceJson.of(s, clock.instant(), snapshots.current().alarms())).build();
    } catch (SilenceActions.AlreadyExpired e) {
      return Response.status(Response.Status.CONFLICT)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("error", e.getMessage()))
          .build();
    }
  }

  private Silence find(String id) {
    return silences.find(id).orElseThrow(() -> new NotFoundException("No silence " + id + "."));
  }

  private static Silence.State state(String text) {
    return Arrays.stream(Silence.State.values())
        .filter(s -> s.key().equals(text.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new BadRequestException(
                    "No state \"" + text.strip() + "\": use one of active, pending, expired."));
  }

  private static JsonNode parse(String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidSilence(
          "body",
          "The body is not JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr())
              + ".");
    }
    if (json == null || !json.isObject()) {
      throw new InvalidSilence(
          "body",
          "The body must be a JSON object: {\"matchers\": [{\"name\": \"environment\", \"op\":"
              + " \"=\", \"value\": \"prod\"}], \"duration\": \"2h\", \"comment\": \"why\"}.");
    }
    unknown(json, FIELDS, "");
    return json;
  }

  private static SilenceRequest request(JsonNode json) {
    JsonNode m = json.get("matchers");
    List<MatcherRequest> matchers = null;
    if (m != null && !m.isNull()) {
      if (!m.isArray()) {
        throw new InvalidSilence("matchers", "matchers must be an array of matchers.");
      }
      matchers = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        JsonNode one = m.get(i);
        String field = "matchers[" + i + "]";
        if (!one.isObject()) {
          throw new InvalidSilence(
              field, field + " must be an object such as {\"name\": \"alarm\", \"value\": \"x\"}.");
        }
        unknown(one, MATCHER_FIELDS, field + ".");
        matchers.add(
            new MatcherRequest(
                text(one, "name", field + ".name"),
                text(one, "op", field + ".op"),
                text(one, "value", field + ".value")));
      }
    }
    return new SilenceRequest(
        matchers,
        text(json, "startsAt"),
        text(json, "endsAt"),
        text(json, "duration"),
        text(json, "comment"));
  }

  private static void unknown(JsonNode json, Set<String> known, String prefix) {
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new InvalidSilence(
            prefix + name,
            "No field "
                + prefix
                + name
                + ": fields are "
                + known.stream().sorted().map(k -> prefix + k).toList()
                + ".");
      }
    }
  }

  private static String text(JsonNode json, String name) {
    return text(json, name, name);
  }

  private static String text(JsonNode json, String name, String field) {
    JsonNode v = json.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidSilence(field, field + " must be a string.");
    }
    return v.asText();
  }

  /**
   * A silence as JSON.
   *
   * @param state {@code active}, {@code pending} or {@code expired}, now
   * @param expiredBy who expired it early, or null
   * @param alarms the keys of the alarms it matches now, whatever its state
   */
  public record SilenceJson(
      String id,
      String state,
      List<MatcherJson> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      Instant createdAt,
      String comment,
      String expiredBy,
      List<String> alarms) {

    static SilenceJson of(Silence s, Instant now, List<AlarmReading> alarms) {
      return new SilenceJson(
          s.id(),
          s.state(now).key(),
          s.matchers().stream()
              .map(m -> new MatcherJson(m.label().key(), m.op().symbol(), m.value()))
              .toList(),
          s.startsAt(),
          s.endsAt(),
          s.createdBy(),
          s.createdAt(),
          s.comment(),
          s.expiredBy().orElse(null),
          alarms.stream()
              .filter(a -> s.matches(a.status().instance()))
              .map(AlarmReading::key)
              .toList());
    }
  }

  /** A matcher as JSON: {@code {"name": "alarm", "op": "=~", "value": "rds-.*"}}. */
  public record MatcherJson(String name, String op, String value) {}

  /** A 400's body: what is wrong, then the field. */
  private static Map<String, String> error(String message, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("error", message);
    out.put("field", field);
    return out;
  }
}
