package io.stackwatch.alarm;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of evaluating one alarm instance at one moment.
 *
 * @param state the state the alarm is in now
 * @param value the newest datapoint used, if any
 * @param reason why, in CloudWatch's words where CloudWatch has words for it
 * @param evaluatedValues the real datapoints used, oldest first; periods filled in by the
 *     missing-data treatment are not values and are not listed
 */
public record Evaluation(
    AlarmState state, Optional<Double> value, String reason, List<Double> evaluatedValues) {

  public Evaluation {
    evaluatedValues = List.copyOf(evaluatedValues);
  }

  /** Whether this is a transition from the previous state, the only thing worth notifying. */
  public boolean changes(AlarmState previous) {
    return state != previous;
  }
}
