package io.stackwatch.notify;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertChange;
import io.stackwatch.notify.grouping.AlertGroupState;
import io.stackwatch.notify.grouping.AlertGrouper;
import io.stackwatch.notify.grouping.AlertSummary;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.series.Unit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Feeds each evaluation's transitions to the {@link AlertGrouper} and writes the summaries it makes
 * into the outbox, one message per environment and alerts topic. The groups are persisted after
 * every change, and with the messages of a send in one transaction, so after a restart a firing
 * alarm is still known, repeated and resolved, and no summary is made twice.
 */
public final class AlertNotifications {

  private static final Logger LOG = Logger.getLogger(AlertNotifications.class);

  private final GroupTimings timings;
  private final AlertGroupStore log;
  private final NotifyTopics topics;
  private final AlertSummaryFormatter formatter;
  private final Function<String, Optional<AlarmStatus>> statuses;
  private final Clock clock;
  private AlertGrouper grouper;

  /**
   * Resumes the groups stored in the database.
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
    this.timings = timings;
    this.log = log;
    this.topics = topics;
    this.formatter = formatter;
    this.statuses = statuses;
    this.clock = clock;
    this.grouper = new AlertGrouper(timings, log.load());
  }

  /**
   * Takes the groups from the database again, as the instance that sent last left them: done by an
   * instance taking over the sending, so it neither forgets a firing alarm nor sends a summary
   * twice.
   */
  public synchronized void resume() {
    grouper = new AlertGrouper(timings, log.load());
  }

  /** Takes the transitions of one evaluation, and stores the groups they changed. */
  public synchronized void observe(List<Transition> transitions) {
    if (transitions.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Set<String> touched = grouper.observe(transitions.stream().map(this::change).toList(), now);
    if (touched.isEmpty()) {
      return;
    }
    try {
      log.save(touched, states(touched), List.of(), now);
    } catch (RuntimeException e) {
      // Still held in memory: the next send stores it with its messages.
      LOG.errorf("Cannot store alert groups, will retry with the next send: %s", e.getMessage());
    }
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
    List<AlertGroupState> before = grouper.state();
    List<AlertSummary> due = grouper.flush(now, acknowledged, silenced);
    Set<String> environments = new LinkedHashSet<>();
    if (!silenced.isEmpty()) {
      environments.addAll(changedSince(before));
    }
    if (due.isEmpty() && environments.isEmpty()) {
      return 0;
    }
    List<Delivery> deliveries = new ArrayList<>();
    for (AlertSummary s : due) {
      environments.add(s.environment());
      topics
          .alerts(s.environment())
          .ifPresent(t -> deliveries.add(new Delivery(t, formatter.format(s, t.format()))));
    }
    try {
      log.save(environments, states(environments), deliveries, now);
    } catch (RuntimeException e) {
      // Nothing was stored: take the groups back as they were, to be sent next time.
      grouper = new AlertGrouper(timings, before);
      throw e;
    }
    return deliveries.size();
  }

  /** The open groups, for pages. */
  public synchronized List<AlertGroupState> groups() {
    return grouper.state();
  }

  /** The environments whose group is not as it was. */
  private Set<String> changedSince(List<AlertGroupState> before) {
    Set<String> out = new LinkedHashSet<>();
    for (AlertGroupState b : before) {
      if (!grouper.state(b.environment()).equals(Optional.of(b))) {
        out.add(b.environment());
      }
    }
    return out;
  }

  private List<AlertGroupState> states(Set<String> environments) {
    return environments.stream().map(grouper::state).flatMap(Optional::stream).toList();
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
