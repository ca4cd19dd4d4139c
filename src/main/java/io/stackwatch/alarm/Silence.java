package io.stackwatch.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A silence, as Alertmanager has them: while it is active, the alarms all of whose labels satisfy
 * all its matchers send nothing. They are still evaluated and shown, marked silenced. Its state
 * follows from the time alone: pending before its start, active from its start until its end,
 * expired from its end on; so it expires on its own, and expiring it early sets its end to that
 * moment and says who did.
 *
 * @param id a random UUID, its address ({@code /silences#silence-<id>}, {@code /api/silences/<id>})
 * @param matchers all must match an alarm for the silence to hold it; never empty
 * @param startsAt when it begins to hold
 * @param endsAt when it stops holding
 * @param createdBy who made it
 * @param createdAt when
 * @param comment why, as its author said; never blank
 * @param expiredBy who expired it before its end, if anyone did (then {@code endsAt} is when)
 */
public record Silence(
    String id,
    List<SilenceMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    Instant createdAt,
    String comment,
    Optional<String> expiredBy) {

  public Silence {
    matchers = List.copyOf(matchers);
  }

  /** Where a silence stands at a moment. */
  public enum State {
    PENDING,
    ACTIVE,
    EXPIRED;

    /** As pages, URLs and JSON write it: {@code pending}, {@code active}, {@code expired}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Its state at {@code now}. */
  public State state(Instant now) {
    if (now.isBefore(startsAt)) {
      return State.PENDING;
    }
    return now.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
  }

  /** Whether it holds at {@code now}. */
  public boolean activeAt(Instant now) {
    return state(now) == State.ACTIVE;
  }

  /** Whether all its matchers match the alarm, whatever the time. */
  public boolean matches(AlarmInstance alarm) {
    return matchers.stream().allMatch(m -> m.matches(alarm));
  }

  /** Its matchers as Alertmanager writes them: {@code environment="prod", alarm=~"rds-.*"}. */
  public String matchersText() {
    return matchers.stream().map(SilenceMatcher::toString).collect(Collectors.joining(", "));
  }
}
