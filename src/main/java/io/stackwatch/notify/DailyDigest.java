package io.stackwatch.notify;

import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmLog;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cost.Costs;
import io.stackwatch.notify.Digest.DigestAlarm;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daily digest of each environment to its notifications topic, at {@code
 * stackwatch.notify.digest-at} (UTC): its health, its costs against budget and forecast, the alarms
 * of the last 24 hours and the overdue maintenance. Written once a day per environment; if
 * stackwatch was down at that time, as soon as it is up again. Reads only what the stores hold.
 */
@Singleton
public class DailyDigest {

  private static final Duration LAST_DAY = Duration.ofHours(24);

  private final LocalTime at;
  private final Catalog catalog;
  private final AlarmEngine alarms;
  private final AlarmLog alarmLog;
  private final Costs costs;
  private final OverdueMaintenance maintenance;
  private final Outbox outbox;
  private final NotifyTopics topics;
  private final DigestFormatter formatter;
  private final Clock clock;

  DailyDigest(
      NotifyConfig config,
      Catalog catalog,
      AlarmEngine alarms,
      AlarmLog alarmLog,
      Costs costs,
      OverdueMaintenance maintenance,
      Outbox outbox,
      NotifyTopics topics,
      DigestFormatter formatter,
      Clock clock) {
    this.at = config.digestAt();
    this.catalog = catalog;
    this.alarms = alarms;
    this.alarmLog = alarmLog;
    this.costs = costs;
    this.maintenance = maintenance;
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
    List<Transition> lastDay = null;
    List<Delivery> deliveries = new ArrayList<>();
    for (Environment env : catalog.environments()) {
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
        lastDay = alarmLog.since(now.minus(LAST_DAY));
      }
      Digest digest = digest(env.name(), now, lastDay);
      deliveries.add(new Delivery(topic.get(), formatter.format(digest, topic.get().format())));
    }
    if (!deliveries.isEmpty()) {
      outbox.enqueue(deliveries, now);
    }
    return deliveries.size();
  }

  /** One environment's digest as of now, from what the stores hold. */
  Digest digest(String environment, Instant now, List<Transition> lastDay) {
    return of(
        environment,
        now,
        alarms.statuses(environment),
        lastDay,
        costs.asOf().isEmpty()
            ? Optional.empty()
            : costs
                .summary(environment)
                .map(
                    c ->
                        new Digest.Cost(
                            c.monthToDate(),
                            c.budget(),
                            c.forecastMonth(),
                            c.forecastError(),
                            c.asOf())),
        maintenance.overdue(environment, now));
  }

  /**
   * A digest from its parts: a pure function.
   *
   * @param statuses the environment's alarms now, worst first
   * @param lastDay transitions of the last 24 hours, of any environment, oldest first
   */
  static Digest of(
      String environment,
      Instant now,
      List<AlarmStatus> statuses,
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
              f.isEmpty() ? Optional.empty() : Optional.of(f.get(f.size() - 1).at()));
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
