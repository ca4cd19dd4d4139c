package io.stackwatch.notify.grouping;

import java.time.Instant;
import java.util.Optional;

/**
 * An alarm in its environment's group.
 *
 * @param alert the alarm as of its newest transition
 * @param firing whether it fires; INSUFFICIENT_DATA leaves this as it was
 * @param firingSince when it entered ALARM
 * @param resolvedAt when it returned to OK, if it did since it fired
 * @param notified whether a message already told that it fires
 */
public record GroupedAlarm(
    Alert alert,
    boolean firing,
    Instant firingSince,
    Optional<Instant> resolvedAt,
    boolean notified) {

  /** Whether a message must tell of it: firing untold, or resolved after being told. */
  boolean changed() {
    return firing != notified;
  }
}
