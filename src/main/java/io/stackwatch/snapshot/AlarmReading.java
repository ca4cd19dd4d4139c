package io.stackwatch.snapshot;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import java.util.Optional;

/**
 * An alarm as readers see it: its status, the acknowledgement that holds for its present state, and
 * the transitions this process recorded.
 *
 * @param status the alarm's state, since, value and reason
 * @param acknowledgement who is on it, made since the alarm entered its present state
 * @param transitions state changes recorded by this process
 */
public record AlarmReading(
    AlarmStatus status, Optional<Acknowledgement> acknowledgement, long transitions) {

  public String key() {
    return status.instance().key();
  }

  public AlarmState state() {
    return status.state();
  }
}
