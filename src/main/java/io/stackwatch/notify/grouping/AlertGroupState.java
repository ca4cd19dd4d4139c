package io.stackwatch.notify.grouping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One environment's group as it stands: what {@link AlertGrouper} persists and resumes from.
 *
 * @param environment environment name
 * @param incident names the incident while the group lives, so chat follow-ups thread under it
 * @param changedAt when the oldest change not yet sent arrived; empty if nothing changed since
 * @param lastSentAt when the group was last sent, if ever
 * @param alarms its alarms in order of arrival
 */
public record AlertGroupState(
    String environment,
    String incident,
    Optional<Instant> changedAt,
    Optional<Instant> lastSentAt,
    List<GroupedAlarm> alarms) {

  public AlertGroupState {
    alarms = List.copyOf(alarms);
  }
}
