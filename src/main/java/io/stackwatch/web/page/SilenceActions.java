package io.stackwatch.web.page;

import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.alarm.InvalidSilence;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.SilenceRequest;
import io.stackwatch.alarm.Silences;
import io.stackwatch.audit.Audit;
import io.stackwatch.security.AuthConfig;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Making and expiring silences, as {@code /silences} and {@code /api/silences} both do: checked,
 * stored with its audit row in one transaction, then shown at once on this instance (the others
 * read it from the store at their next sync).
 */
@Singleton
public class SilenceActions {

  /** Expiring a silence that had already ended. */
  public static final class AlreadyExpired extends RuntimeException {
    private final transient Silence silence;

    AlreadyExpired(Silence silence) {
      super("Silence " + silence.id() + " has already ended, at " + silence.endsAt() + ".");
      this.silence = silence;
    }

    /** The silence as it is. */
    public Silence silence() {
      return silence;
    }
  }

  private final Silences silences;
  private final Audit audit;
  private final Snapshots snapshots;
  private final boolean open;
  private final Clock clock;

  SilenceActions(
      Silences silences, Audit audit, Snapshots snapshots, AuthConfig auth, Clock clock) {
    this.silences = silences;
    this.audit = audit;
    this.snapshots = snapshots;
    this.open = auth.mode() == AuthConfig.Mode.OPEN;
    this.clock = clock;
  }

  /**
   * Makes a silence, by the signed-in person (with open access, by the name given, else {@code
   * local}), on record.
   *
   * @param by who, as the form or body names them: taken with open access only
   * @throws InvalidSilence naming the field that is wrong
   */
  public Silence create(
      SilenceRequest request, String by, SecurityIdentity identity, HttpServerRequest http) {
    Actor actor = Actor.of(identity, http);
    String who = open && by != null && !by.isBlank() ? by : actor.user();
    List<String> environments =
        snapshots.current().environments().stream().map(EnvironmentState::name).toList();
    Silence s = request.toSilence(UUID.randomUUID().toString(), who, clock.instant(), environments);
    audit.record(
        actor.user(),
        "silence.create",
        s.id(),
        actor.address(),
        c -> {
          Silences.insert(c, s);
          return s.matchersText()
              + " from "
              + s.startsAt()
              + " until "
              + s.endsAt()
              + " by "
              + s.createdBy()
              + ": "
              + s.comment();
        });
    snapshots.publishAlarms();
    return s;
  }

  /**
   * Ends a silence now, on record: its alarms send again at once, and one still firing is told.
   *
   * @return the silence as it now is
   * @throws NotFoundException for an id that names no silence
   * @throws AlreadyExpired for one that had already ended
   */
  public Silence expire(String id, SecurityIdentity identity, HttpServerRequest http) {
    Silence s =
        silences.find(id).orElseThrow(() -> new NotFoundException("No silence " + id + "."));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (s.state(now) == Silence.State.EXPIRED) {
      throw new AlreadyExpired(s);
    }
    Actor actor = Actor.of(identity, http);
    audit.record(
        actor.user(),
        "silence.expire",
        id,
        actor.address(),
        c -> {
          if (!Silences.expire(c, id, now, actor.user())) {
            // Another instance ended it meanwhile: nothing changes, nothing is recorded.
            throw new AlreadyExpired(s);
          }
          return "expired early; it was to end " + s.endsAt() + ": " + s.matchersText();
        });
    snapshots.publishAlarms();
    return silences.find(id).orElseThrow();
  }
}
