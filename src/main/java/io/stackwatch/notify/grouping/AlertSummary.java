package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One send of one environment's group: every alarm that fires, and those resolved since the last
 * send. What the message stage writes as one message per topic.
 *
 * @param environment environment name
 * @param incident the group's incident id, the chat thread of its messages
 * @param at when it was sent
 * @param firing the alarms that fire, worst and oldest first
 * @param resolved the alarms told firing before that are OK now, worst and oldest first
 * @param repeat whether nothing changed and it repeats still-firing alarms
 * @param acknowledged the acknowledgements holding for its firing alarms, by alarm key
 */
public record AlertSummary(
    String environment,
    String incident,
    Instant at,
    List<GroupedAlarm> firing,
    List<GroupedAlarm> resolved,
    boolean repeat,
    Map<String, Acknowledgement> acknowledged) {

  public AlertSummary {
    firing = List.copyOf(firing);
    resolved = List.copyOf(resolved);
    acknowledged = Map.copyOf(acknowledged);
  }

  /** A summary none of whose alarms is acknowledged. */
  public AlertSummary(
      String environment,
      String incident,
      Instant at,
      List<GroupedAlarm> firing,
      List<GroupedAlarm> resolved,
      boolean repeat) {
    this(environment, incident, at, firing, resolved, repeat, Map.of());
  }

  /** Whether anything still fires; otherwise it tells of resolutions only. */
  public boolean anyFiring() {
    return !firing.isEmpty();
  }

  /** The highest severity of the alarms that fire, or, when none does, of those resolved. */
  public Severity severity() {
    List<GroupedAlarm> told = firing.isEmpty() ? resolved : firing;
    return told.stream()
        .map(a -> a.alert().severity())
        .min(Comparator.naturalOrder())
        .orElse(Severity.INFO);
  }

  /** Every alarm of the message, firing first. */
  public Stream<GroupedAlarm> alarms() {
    return Stream.concat(firing.stream(), resolved.stream());
  }
}
