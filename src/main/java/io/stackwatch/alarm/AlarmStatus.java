package io.stackwatch.alarm;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * What an alarm is now.
 *
 * @param instance the bound alarm
 * @param state its state
 * @param since when it entered that state
 * @param value the newest datapoint evaluated, if any
 * @param reason why, in CloudWatch's words
 */
public record AlarmStatus(
    AlarmInstance instance,
    AlarmState state,
    Instant since,
    Optional<Double> value,
    String reason) {

  /** Worst first: firing before unknown before fine, then critical before warning before info. */
  public static final Comparator<AlarmStatus> WORST_FIRST =
      Comparator.comparingInt((AlarmStatus s) -> rank(s.state()))
          .thenComparing(s -> s.instance().rule().severity())
          .thenComparing(s -> s.instance().key());

  /** ALARM 0, INSUFFICIENT_DATA 1, OK 2: the order alarms are listed in. */
  public static int rank(AlarmState state) {
    return switch (state) {
      case ALARM -> 0;
      case INSUFFICIENT_DATA -> 1;
      case OK -> 2;
    };
  }
}
