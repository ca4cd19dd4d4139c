package io.stackwatch.notify;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Transition;
import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertChange;
import io.stackwatch.notify.grouping.AlertGroupState;
import io.stackwatch.notify.grouping.AlertGrouper;
import io.stackwatch.notify.grouping.AlertSummary;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.grouping.GroupedAlarm;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.routing.Route;
import io.stackwatch.notify.routing.RouteLabels;
import io.stackwatch.notify.routing.Routes;
import io.stackwatch.series.Unit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Feeds each evaluation's transitions to the routes they take ({@link Routes}, {@code
 * alarms/routes.yaml}) and each route's {@link AlertGrouper}, and writes the summaries they make
 * into the outbox, one message per route, environment and topic. The groups are persisted per route
 * after every change, and with the messages of a send in one transaction, so after a restart a
 * firing alarm is still known, repeated and resolved, and no summary is made twice.
 */
public final class AlertNotifications {

  private static final Logger LOG = Logger.getLogger(AlertNotifications.class);

  /** One route's groups. */
  private static final class Lane {
    final Route route;
    AlertGrouper grouper;

    Lane(Route route, List<AlertGroupState> stored) {
      this.route = route;
      this.grouper = new AlertGrouper(route.timings(), stored);
    }
  }

  private final Routes routes;
  private final AlertGroupStore log;
  private final NotifyTopics topics;
  private final AlertSummaryFormatter formatter;
  private final Function<String, Optional<AlarmStatus>> statuses;
  private final Clock clock;
  private final List<Lane> lanes = new ArrayList<>();

  /** Routes stored groups belong to that the tree no longer has; forgotten at the next send. */
  private Set<String> orphans = Set.of();

  /**
   * Every alarm to its environment's alerts topic, with these timings: the tree without routes.
   *
   * @param statuses an alarm's current status by key, for its runbook and unit
   */
  public AlertNotifications(
      GroupTimings timings,
      AlertGroupStore log,
      NotifyTopics topics,
      AlertSummaryFormatter formatter,
      Function<String, Optional<AlarmStatus>> statuses,
      Clock clock) {
    this(Routes.single(timings), log, topics, formatter, statuses, clock);
  }

  /**
   * Resumes the groups stored in the database.
   *
   * @param routes where alarms go, and when
   * @param statuses an alarm's current status by key, for its runbook, unit and category
   */
  public AlertNotifications(
      Routes routes,
      AlertGroupStore log,
      NotifyTopics topics,
      AlertSummaryFormatter formatter,
      Function<String, Optional<AlarmStatus>> statuses,
      Clock clock) {
    this.routes = routes;
    this.log = log;
    this.topics = topics;
    this.formatter = formatter;
    this.statuses = statuses;
    this.clock = clock;
    load();
  }

  /**
   * Takes the groups from the database again, as the instance that sent last left them: done by an
   * instance taking over the sending, so it neither forgets a firing alarm nor sends a summary
   * twice.
   */
  public synchronized void resume() {
    load();
  }

  /**
   * Each route's stored groups. The firing alarms of a route no longer in the tree go, untold, to
   * the routes that take them now, so their new readers hear of them and of their resolution.
   */
  private void load() {
    Map<String, List<AlertGroupState>> stored = new LinkedHashMap<>(log.loadAll());
    lanes.clear();
    for (Route r : routes.all()) {
      lanes.add(new Lane(r, stored.getOrDefault(r.key(), List.of())));
      stored.remove(r.key());
    }
    orphans = Set.copyOf(stored.keySet());
    List<AlertChange> rehomed = new ArrayList<>();
    for (List<AlertGroupState> groups : stored.values()) {
      for (AlertGroupState g : groups) {
        for (GroupedAlarm a : g.alarms()) {
          if (a.firing()) {
            rehomed.add(
                new AlertChange(
                    a.alert(), AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, a.firingSince()));
          }
        }
      }
    }
    Instant now = clock.instant();
    route(rehomed).forEach((lane, changes) -> lane.grouper.observe(changes, now));
  }

  /** Takes the transitions of one evaluation, and stores the groups they changed. */
  public synchronized void observe(List<Transition> transitions) {
    if (transitions.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    route(transitions.stream().map(this::change).toList())
        .forEach(
            (lane, changes) -> {
              Set<String> touched = lane.grouper.observe(changes, now);
              if (touched.isEmpty()) {
                return;
              }
              try {
                log.save(lane.route.key(), touched, states(lane, touched), List.of(), now);
              } catch (RuntimeException e) {
                // Still held in memory: the next send stores it with its messages.
                LOG.errorf(
                    "Cannot store alert groups, will retry with the next send: %s", e.getMessage());
              }
            });
  }

  /**
   * The changes each route takes: those of the alarms it matches ({@link Routes#match}), and those
   * of any alarm it holds already (its rule changed severity since it fired, say), so an alarm is
   * resolved where it was told. In the order given, per route.
   */
  private Map<Lane, List<AlertChange>> route(List<AlertChange> changes) {
    Map<Lane, List<AlertChange>> out = new LinkedHashMap<>();
    for (AlertChange c : changes) {
      Alert a = c.alert();
      RouteLabels labels =
          new RouteLabels(
              a.environment(),
              a.severity(),
              statuses.apply(a.key()).map(s -> s.instance().category()).orElse(Category.HEALTH),
              a.alarmId());
      Set<String> taken = new HashSet<>();
      routes.match(labels).forEach(r -> taken.add(r.key()));
      for (Lane lane : lanes) {
        boolean holds =
            lane.grouper.state(a.environment()).stream()
                .flatMap(g -> g.alarms().stream())
                .anyMatch(x -> x.alert().key().equals(a.key()));
        if (taken.contains(lane.route.key()) || holds) {
          out.computeIfAbsent(lane, l -> new ArrayList<>()).add(c);
        }
      }
    }
    return out;
  }

  /**
   * Writes the summaries due now into the outbox; returns how many messages it wrote.
   *
   * @param acknowledged the acknowledgements holding now, by alarm key: those alarms are not
   *     repeated
   */
  public synchronized int flush(Map<String, Acknowledgement> acknowledged) {
    return flush(acknowledged, Set.of());
  }

  /**
   * Writes the summaries due now into the outbox, as {@link #flush(Map)}, with the alarms silenced
   * now, by key: they send nothing, and the groups a silence changed without a send are stored too.
   */
  public synchronized int flush(Map<String, Acknowledgement> acknowledged, Set<String> silenced) {
    Instant now = clock.instant();
    int written = 0;
    for (Lane lane : lanes) {
      written += flush(lane, acknowledged, silenced, now);
    }
    if (!orphans.isEmpty()) {
      log.forget(orphans);
      orphans = Set.of();
    }
    return written;
  }

  /** One route's summaries due now, into the outbox with its groups. */
  private int flush(
      Lane lane, Map<String, Acknowledgement> acknowledged, Set<String> silenced, Instant now) {
    List<AlertGroupState> before = lane.grouper.state();
    List<AlertSummary> due = lane.grouper.flush(now, acknowledged, silenced);
    Set<String> environments = new LinkedHashSet<>();
    if (!silenced.isEmpty()) {
      environments.addAll(changedSince(lane, before));
    }
    if (due.isEmpty() && environments.isEmpty()) {
      return 0;
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (AlertSummary s : due) {
      environments.add(s.environment());
      destination(lane.route, s.environment())
          .ifPresent(t -> deliveries.add(new Delivery(t, formatter.format(s, t.format()))));
    }
    try {
      log.save(lane.route.key(), environments, states(lane, environments), deliveries, now);
    } catch (RuntimeException e) {
      // Nothing was stored: take the groups back as they were, to be sent next time.
      lane.grouper = new AlertGrouper(lane.route.timings(), before);
      throw e;
    }
    return deliveries.size();
  }

  /** The topic of a route in an environment, in the route's format; empty without one. */
  private Optional<Topic> destination(Route route, String environment) {
    Optional<Topic> topic =
        route.topic() == Topic.Purpose.ALERTS
            ? topics.alerts(environment)
            : topics.notifications(environment);
    return topic.map(route::destination);
  }

  /** The open groups of every route, for pages. */
  public synchronized List<AlertGroupState> groups() {
    return lanes.stream().flatMap(l -> l.grouper.state().stream()).toList();
  }

  /** The routes, the root first. */
  public Routes routes() {
    return routes;
  }

  /** The environments whose group of a route is not as it was. */
  private static Set<String> changedSince(Lane lane, List<AlertGroupState> before) {
    Set<String> out = new LinkedHashSet<>();
    for (AlertGroupState b : before) {
      if (!lane.grouper.state(b.environment()).equals(Optional.of(b))) {
        out.add(b.environment());
      }
    }
    return out;
  }

  private static List<AlertGroupState> states(Lane lane, Set<String> environments) {
    return environments.stream().map(lane.grouper::state).flatMap(Optional::stream).toList();
  }

  private AlertChange change(Transition t) {
    Optional<AlarmStatus> status = statuses.apply(t.alarmKey());
    String value =
        t.value()
            .map(
                v -> status.map(s -> s.instance().series().unit().format(v)).orElse(Unit.number(v)))
            .orElse("");
    String runbook = status.map(s -> s.instance().rule().runbook()).orElse("");
    return new AlertChange(
        new Alert(
            t.alarmKey(),
            t.environment(),
            t.alarmId(),
            t.title(),
            t.severity(),
            value,
            t.reason(),
            runbook),
        t.from(),
        t.to(),
        t.at());
  }
}
