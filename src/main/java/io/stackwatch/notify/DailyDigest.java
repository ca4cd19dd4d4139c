package io.stackwatch.notify;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmHistory;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.MaintenanceItem;
import io.stackwatch.notify.message.Digest;
import io.stackwatch.notify.message.Digest.DigestAlarm;
import io.stackwatch.notify.message.DigestFormatter;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.message.OverdueItem;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daily digest of each environment to its notifications topic, at {@code
 * stackwatch.notify.digest-at} (UTC): its health (and who is on each firing alarm), its costs
 * against budget and forecast, the alarms of the last 24 hours, the overdue maintenance and the
 * failing maintenance checks. Written once a day per environment; if stackwatch was down at that
 * time, as soon as it is up again. Reads the snapshot and the alarm history.
 */
@Singleton
public class DailyDigest {

  private static final Duration LAST_DAY = Duration.ofHours(24);

  /**
   * How long past its hour a digest waits for the day's first evaluation and Cost Explorer's answer
   * of the day; after it the digest goes out saying what it lacks.
   */
  static final Duration WAIT_AT_MOST = Duration.ofHours(2);

  /** When this process first found today's digest due: its wait runs from then. */
  private Instant waitingSince = Instant.EPOCH;

  private final LocalTime at;
  private final Snapshots snapshots;
  private final AlarmHistory alarmHistory;
  private final Outbox outbox;
  private final NotifyTopics topics;
  private final DigestFormatter formatter;
  private final Clock clock;

  DailyDigest(
      NotifyConfig config,
      Snapshots snapshots,
      AlarmHistory alarmHistory,
      Outbox outbox,
      NotifyTopics topics,
      DigestFormatter formatter,
      Clock clock) {
    this.at = config.digestAt();
    this.snapshots = snapshots;
    this.alarmHistory = alarmHistory;
    this.outbox = outbox;
    this.topics = topics;
    this.formatter = formatter;
    this.clock = clock;
  }

  /** Writes today's digest of every environment that is due and has none yet; returns how many. */
  public int enqueueDue() {
    Instant now = clock.instant();
    Instant dueAt = LocalDate.ofInstant(now, ZoneOffset.UTC).atTime(at).toInstant(ZoneOffset.UTC);
    if (now.isBefore(dueAt)) {
      return 0;
    }
    StackSnapshot snapshot = snapshots.current();
    // Told only once the alarms were evaluated since the digest's hour and Cost Explorer answered
    // today, so it never tells of a start-up before anything was known; unless that takes too long.
    Instant dayStart = dueAt.truncatedTo(ChronoUnit.DAYS);
    // Every poll, failed or not, is followed by an evaluation of the environment's alarms.
    Optional<Instant> lastPoll =
        snapshot.environments().stream()
            .map(e -> e.poll().lastAttempt().orElse(Instant.EPOCH))
            .min(Instant::compareTo);
    boolean evaluated = lastPoll.filter(t -> !t.isBefore(dueAt)).isPresent();
    boolean costs = snapshot.cost().asOf().filter(t -> !t.isBefore(dayStart)).isPresent();
    if (waitingSince.isBefore(dueAt)) {
      waitingSince = now;
    }
    if (!(evaluated && costs) && now.isBefore(waitingSince.plus(WAIT_AT_MOST))) {
      return 0;
    }
    List<String> missing = new ArrayList<>();
    if (!evaluated) {
      missing.add(
          "an evaluation since "
              + at
              + " UTC (the last "
              + lastPoll
                  .filter(t -> !t.equals(Instant.EPOCH))
                  .map(t -> "was " + t.truncatedTo(ChronoUnit.MINUTES))
                  .orElse("never happened")
              + ")");
    }
    if (!costs) {
      missing.add(
          "Cost Explorer's answer of today"
              + snapshot.cost().error().map(e -> " (" + e + ")").orElse(""));
    }
    List<Transition> lastDay = null;
    List<Delivery> deliveries = new ArrayList<>();
    for (EnvironmentState env : snapshot.environments()) {
      Optional<Topic> topic = topics.notifications(env.name());
      boolean written =
          outbox
              .lastWritten(env.name(), NotificationEvent.DIGEST)
              .filter(t -> !t.isBefore(dueAt))
              .isPresent();
      if (topic.isEmpty() || written) {
        continue;
      }
      if (lastDay == null) {
        lastDay = alarmHistory.since(now.minus(LAST_DAY));
      }
      Digest digest = digest(env, now, lastDay).without(missing);
      deliveries.add(new Delivery(topic.get(), formatter.format(digest, topic.get().format())));
    }
    if (!deliveries.isEmpty()) {
      outbox.enqueue(deliveries, now);
    }
    return deliveries.size();
  }

  /** One environment's digest as of now, from the snapshot and the alarm history. */
  static Digest digest(EnvironmentState env, Instant now, List<Transition> lastDay) {
    Map<String, Acknowledgement> acknowledged = new LinkedHashMap<>();
    env.alarms().forEach(a -> a.acknowledgement().ifPresent(k -> acknowledged.put(a.key(), k)));
    return of(
            env.name(),
            now,
            env.alarms().stream().map(AlarmReading::status).toList(),
            acknowledged,
            lastDay,
            env.cost()
                .map(
                    c ->
                        new Digest.Cost(
                            c.monthToDate(),
                            c.budget(),
                            c.forecastMonth(),
                            c.forecastError(),
                            c.asOf())),
            env.overdue().map(DailyDigest::overdueItems))
        .failing(
            env.failingChecks().orElse(List.of()).stream()
                .map(
                    s ->
                        new Digest.FailingCheck(
                            s.item().title(), s.evidence().map(e -> e.detail()).orElse("")))
                .toList());
  }

  /** Overdue chores as the digest lists them; a global one says it is for every environment. */
  static List<OverdueItem> overdueItems(List<ItemStatus> overdue) {
    return overdue.stream()
        .map(
            s ->
                new OverdueItem(
                    s.item().title()
                        + (s.environment().equals(MaintenanceItem.GLOBAL)
                            ? " (all environments)"
                            : ""),
                    LocalDate.ofInstant(s.state().dueAt(), ZoneOffset.UTC)))
        .toList();
  }

  /**
   * A digest from its parts: a pure function.
   *
   * @param statuses the environment's alarms now, worst first
   * @param acknowledged the acknowledgements holding now, by alarm key
   * @param lastDay transitions of the last 24 hours, of any environment, oldest first
   */
  static Digest of(
      String environment,
      Instant now,
      List<AlarmStatus> statuses,
      Map<String, Acknowledgement> acknowledged,
      List<Transition> lastDay,
      Optional<Digest.Cost> cost,
      Optional<List<OverdueItem>> maintenance) {
    Map<String, AlarmStatus> byKey = new LinkedHashMap<>();
    statuses.forEach(s -> byKey.put(s.instance().key(), s));
    Map<String, List<Transition>> history = new LinkedHashMap<>();
    for (Transition t : lastDay) {
      if (t.environment().equals(environment)) {
        history.computeIfAbsent(t.alarmKey(), k -> new ArrayList<>()).add(t);
      }
    }
    Function<String, List<Transition>> fired =
        key ->
            history.getOrDefault(key, List.of()).stream()
                .filter(t -> t.to() == AlarmState.ALARM)
                .toList();
    Function<AlarmStatus, DigestAlarm> current =
        s -> {
          List<Transition> f = fired.apply(s.instance().key());
          return new DigestAlarm(
              s.instance().id(),
              s.instance().rule().title(),
              s.instance().rule().severity(),
              s.state(),
              s.since(),
              f.size(),
              f.isEmpty() ? Optional.empty() : Optional.of(f.get(f.size() - 1).at()),
              Optional.ofNullable(acknowledged.get(s.instance().key())));
        };
    List<DigestAlarm> firing =
        statuses.stream().filter(s -> s.state() == AlarmState.ALARM).map(current).toList();
    List<DigestAlarm> day = new ArrayList<>();
    history.forEach(
        (key, transitions) -> {
          List<Transition> f = fired.apply(key);
          if (f.isEmpty()) {
            return;
          }
          AlarmStatus s = byKey.get(key);
          Transition last = transitions.get(transitions.size() - 1);
          day.add(
              s != null
                  ? current.apply(s)
                  // An alarm no longer bound (its rule was removed): as its history tells.
                  : new DigestAlarm(
                      last.alarmId(),
                      last.title(),
                      last.severity(),
                      last.to(),
                      last.at(),
                      f.size(),
                      Optional.of(f.get(f.size() - 1).at())));
        });
    day.sort(
        Comparator.comparing((DigestAlarm a) -> a.state() != AlarmState.ALARM)
            .thenComparing(DigestAlarm::severity)
            .thenComparing(a -> a.lastFired().orElse(Instant.EPOCH), Comparator.reverseOrder())
            .thenComparing(DigestAlarm::alarmId));
    AlarmState health = statuses.isEmpty() ? AlarmState.OK : statuses.get(0).state();
    int insufficient =
        (int) statuses.stream().filter(s -> s.state() == AlarmState.INSUFFICIENT_DATA).count();
    return new Digest(environment, now, health, firing, insufficient, cost, day, maintenance);
  }
}
