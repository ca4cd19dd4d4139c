package io.stackwatch.snapshot;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Silence;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An alarm as readers see it: its status, the acknowledgement that holds for its present state, the
 * silences that match it, and the transitions this process recorded.
 *
 * @param status the alarm's state, since, value and reason
 * @param acknowledgement who is on it, made since the alarm entered its present state
 * @param transitions state changes recorded by this process
 * @param silences the silences matching it that had not ended when the snapshot was made, active or
 *     pending: which of them hold is a matter of the time it is asked ({@link #silencedBy})
 */
public record AlarmReading(
    AlarmStatus status,
    Optional<Acknowledgement> acknowledgement,
    long transitions,
    List<Silence> silences) {

  public AlarmReading {
    silences = List.copyOf(silences);
  }

  /** A reading matched by no silence. */
  public AlarmReading(
      AlarmStatus status, Optional<Acknowledgement> acknowledgement, long transitions) {
    this(status, acknowledgement, transitions, List.of());
  }

  public String key() {
    return status.instance().key();
  }

  public AlarmState state() {
    return status.state();
  }

  /** The silences that hold it at {@code now}, the one ending last first. */
  public List<Silence> silencedBy(Instant now) {
    return silences.stream()
        .filter(s -> s.activeAt(now))
        .sorted(Comparator.comparing(Silence::endsAt).reversed().thenComparing(Silence::id))
        .toList();
  }

  /** Whether a silence holds it at {@code now}: it sends nothing. */
  public boolean silenced(Instant now) {
    return silences.stream().anyMatch(s -> s.activeAt(now));
  }
}
