package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups alarm transitions per environment with Alertmanager's semantics, driven by the times it is
 * given, so it is a pure function of its inputs:
 *
 * <ul>
 *   <li>The first alarm of an environment opens its group; a change is sent once it has waited
 *       {@code group-wait} for companions, and never sooner than {@code group-interval} after the
 *       group's last send. One send tells of the whole group: every alarm that fires and every one
 *       resolved since.
 *   <li>A group whose alarms still fire, unchanged, is sent again after the repeat interval of its
 *       most severe firing alarm (4 h critical, 12 h warning, never info, by default); an alarm
 *       someone acknowledged is not repeated while the acknowledgement holds, though it is listed,
 *       with who acknowledged it, when another change is told.
 *   <li>A silenced alarm is kept in its group as it fires or not, but no message tells of it: not
 *       firing, not repeated, not resolved. A send lists the group's other alarms only. If it still
 *       fires when its silence ends, it is new to its group at that moment: told firing once, after
 *       {@code group-wait}, as any new alarm.
 *   <li>Only ALARM pages. A return to OK of an alarm told firing is a resolution; an alarm that
 *       fired and recovered before anyone was told is dropped, as Alertmanager does, since the
 *       reader never knew of it. INSUFFICIENT_DATA pages nobody and resolves nothing: an alarm that
 *       lost its data stays as it was until it is OK or ALARM again.
 *   <li>A group with nothing left in it closes; the next alarm opens a new incident.
 * </ul>
 *
 * Not thread-safe: its owner serialises calls.
 */
public final class AlertGrouper {

  private static final DateTimeFormatter INCIDENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Worst first, then oldest first: the order alarms are listed in a message. */
  static final Comparator<GroupedAlarm> LISTING =
      Comparator.comparing((GroupedAlarm a) -> a.alert().severity())
          .thenComparing(GroupedAlarm::firingSince)
          .thenComparing(a -> a.alert().title())
          .thenComparing(a -> a.alert().key());

  private static final class Group {
    final String environment;
    final String incident;
    Instant changedAt;
    Instant lastSentAt;
    final Map<String, GroupedAlarm> alarms = new LinkedHashMap<>();

    Group(String environment, String incident) {
      this.environment = environment;
      this.incident = incident;
    }

    boolean changed() {
      return alarms.values().stream().anyMatch(GroupedAlarm::changed);
    }

    /** Whether a message must tell of an alarm no silence holds. */
    boolean changed(Set<String> silenced) {
      return alarms.values().stream()
          .anyMatch(a -> a.changed() && !silenced.contains(a.alert().key()));
    }

    AlertGroupState state() {
      return new AlertGroupState(
          environment,
          incident,
          Optional.ofNullable(changedAt),
          Optional.ofNullable(lastSentAt),
          List.copyOf(alarms.values()));
    }
  }

  private final GroupTimings timings;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  /** Resumes the groups as they were persisted (none on a first start). */
  public AlertGrouper(GroupTimings timings, List<AlertGroupState> resumed) {
    this.timings = timings;
    for (AlertGroupState s : resumed) {
      Group g = new Group(s.environment(), s.incident());
      g.changedAt = s.changedAt().orElse(null);
      g.lastSentAt = s.lastSentAt().orElse(null);
      s.alarms().forEach(a -> g.alarms.put(a.alert().key(), a));
      groups.put(s.environment(), g);
    }
  }

  /**
   * Takes the transitions of one evaluation.
   *
   * @return the environments whose group changed, opened or closed
   */
  public Set<String> observe(List<AlertChange> changes, Instant now) {
    Set<String> touched = new LinkedHashSet<>();
    for (AlertChange c : changes) {
      if (apply(c)) {
        touched.add(c.alert().environment());
      }
    }
    for (String env : touched) {
      Group g = groups.get(env);
      if (g == null) {
        continue;
      }
      if (g.alarms.isEmpty()) {
        groups.remove(env);
      } else if (!g.changed()) {
        g.changedAt = null;
      } else if (g.changedAt == null) {
        g.changedAt = now;
      }
    }
    return touched;
  }

  /** Applies one transition; false if it concerns no notification. */
  private boolean apply(AlertChange c) {
    String env = c.alert().environment();
    Group g = groups.get(env);
    GroupedAlarm known = g == null ? null : g.alarms.get(c.alert().key());
    if (c.to() == AlarmState.ALARM) {
      if (g == null) {
        g = new Group(env, incident(c));
        groups.put(env, g);
      }
      boolean notified = known != null && known.notified();
      Instant since = known != null && known.firing() ? known.firingSince() : c.at();
      g.alarms.put(
          c.alert().key(), new GroupedAlarm(c.alert(), true, since, Optional.empty(), notified));
      return true;
    }
    if (c.to() == AlarmState.OK && known != null && known.firing()) {
      if (known.notified()) {
        g.alarms.put(
            c.alert().key(),
            new GroupedAlarm(c.alert(), false, known.firingSince(), Optional.of(c.at()), true));
      } else {
        g.alarms.remove(c.alert().key());
      }
      return true;
    }
    return false;
  }

  /**
   * The groups due now, as one summary each, in the order they opened; each is then taken as sent:
   * its firing alarms told, its resolved ones gone.
   */
  public List<AlertSummary> flush(Instant now) {
    return flush(now, Map.of());
  }

  /**
   * The groups due now, as {@link #flush(Instant)}, with the acknowledgements holding now: an
   * acknowledged firing alarm does not make its group repeat.
   */
  public List<AlertSummary> flush(Instant now, Map<String, Acknowledgement> acknowledged) {
    return flush(now, acknowledged, Set.of());
  }

  /**
   * The groups due now, as {@link #flush(Instant, Map)}, with the alarms silenced now, by key: they
   * make no send and are in none (see the class comment).
   */
  public List<AlertSummary> flush(
      Instant now, Map<String, Acknowledgement> acknowledged, Set<String> silenced) {
    List<AlertSummary> due = new ArrayList<>();
    for (var it = groups.values().iterator(); it.hasNext(); ) {
      Group g = it.next();
      if (!silenced.isEmpty()) {
        quiet(g, silenced);
        if (g.alarms.isEmpty()) {
          it.remove();
          continue;
        }
      }
      boolean changed = g.changed(silenced);
      if (!changed) {
        // Only silenced alarms changed: an alarm whose silence ends waits group-wait from then.
        g.changedAt = null;
      }
      Set<String> quiet = new HashSet<>(acknowledged.keySet());
      quiet.addAll(silenced);
      boolean repeat = !changed && repeatDue(g, now, quiet);
      if (!(changed && changeDue(g, now)) && !repeat) {
        continue;
      }
      List<GroupedAlarm> firing =
          g.alarms.values().stream()
              .filter(GroupedAlarm::firing)
              .filter(a -> !silenced.contains(a.alert().key()))
              .sorted(LISTING)
              .toList();
      List<GroupedAlarm> resolved =
          g.alarms.values().stream()
              .filter(a -> !a.firing())
              .filter(a -> !silenced.contains(a.alert().key()))
              .sorted(LISTING)
              .toList();
      Map<String, Acknowledgement> acks = new LinkedHashMap<>();
      firing.forEach(
          a -> {
            Acknowledgement ack = acknowledged.get(a.alert().key());
            if (ack != null) {
              acks.put(a.alert().key(), ack);
            }
          });
      due.add(new AlertSummary(g.environment, g.incident, now, firing, resolved, repeat, acks));
      resolved.forEach(a -> g.alarms.remove(a.alert().key()));
      firing.forEach(
          a ->
              g.alarms.put(
                  a.alert().key(),
                  new GroupedAlarm(a.alert(), true, a.firingSince(), Optional.empty(), true)));
      g.lastSentAt = now;
      g.changedAt = null;
      if (g.alarms.isEmpty()) {
        it.remove();
      }
    }
    return due;
  }

  /**
   * Forgets what was told of the group's silenced alarms: one told firing is as if never told, so
   * it is told anew if it still fires when its silence ends; one resolved since it was told is
   * dropped, untold.
   */
  private static void quiet(Group g, Set<String> silenced) {
    for (var it = g.alarms.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      GroupedAlarm a = e.getValue();
      if (!silenced.contains(e.getKey())) {
        continue;
      }
      if (!a.firing()) {
        it.remove();
      } else if (a.notified()) {
        e.setValue(new GroupedAlarm(a.alert(), true, a.firingSince(), Optional.empty(), false));
      }
    }
  }

  private boolean changeDue(Group g, Instant now) {
    // A resumed group always has changedAt with its changes; a missing one waits from now.
    if (g.changedAt == null) {
      g.changedAt = now;
    }
    return !now.isBefore(g.changedAt.plus(timings.groupWait()))
        && (g.lastSentAt == null || !now.isBefore(g.lastSentAt.plus(timings.groupInterval())));
  }

  private boolean repeatDue(Group g, Instant now, Set<String> acknowledged) {
    if (g.lastSentAt == null) {
      return false;
    }
    Optional<Duration> repeat =
        g.alarms.values().stream()
            .filter(GroupedAlarm::firing)
            .filter(a -> !acknowledged.contains(a.alert().key()))
            .map(a -> timings.repeat(a.alert().severity()))
            .flatMap(Optional::stream)
            .min(Comparator.naturalOrder());
    return repeat.isPresent() && !now.isBefore(g.lastSentAt.plus(repeat.get()));
  }

  /** Every open group. */
  public List<AlertGroupState> state() {
    return groups.values().stream().map(Group::state).toList();
  }

  /** One environment's group, if it is open. */
  public Optional<AlertGroupState> state(String environment) {
    return Optional.ofNullable(groups.get(environment)).map(Group::state);
  }

  /**
   * The incident a group opens: environment, first alarm and when it fired, such as {@code
   * prod-rds-cpu-high-20261126T120305Z}.
   */
  private static String incident(AlertChange c) {
    String raw =
        c.alert().environment() + "-" + c.alert().alarmId() + "-" + INCIDENT_TIME.format(c.at());
    return raw.replaceAll("[^A-Za-z0-9._:-]", "-");
  }
}
