package io.stackwatch;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Transition;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.cost.CostSeries;
import io.stackwatch.cost.Costs;
import io.stackwatch.maintenance.MaintenanceSeries;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import io.stackwatch.store.SampleJournal;
import io.stackwatch.store.StoreConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pipeline on its schedules: poll CloudWatch into the store, record the cost verdicts and the
 * overdue critical maintenance chores, evaluate the alarms and hand their transitions to the alert
 * notifications; and, on its own slower cadence, refresh the costs from Cost Explorer.
 *
 * <p>Of several instances sharing one PostgreSQL only the leader ({@link Leadership}) does this;
 * the others load what it shared (points, poll statuses, alarm states, costs) on their own
 * schedule, and each tries the lead at every poll interval, so a stopped leader is replaced within
 * one.
 */
@Singleton
public class PollJob {

  private static final Logger LOG = Logger.getLogger(PollJob.class);

  private final CloudWatchCollector collector;
  private final CostCollector costCollector;
  private final CostSeries costSeries;
  private final MaintenanceSeries maintenanceSeries;
  private final Costs costs;
  private final AlarmEngine alarms;
  private final AlertNotifications notifications;
  private final Leadership leadership;
  private final SampleJournal journal;
  private final Database database;
  private final StoreConfig storeConfig;
  private final Clock clock;

  PollJob(
      CloudWatchCollector collector,
      CostCollector costCollector,
      CostSeries costSeries,
      MaintenanceSeries maintenanceSeries,
      Costs costs,
      AlarmEngine alarms,
      AlertNotifications notifications,
      Leadership leadership,
      SampleJournal journal,
      Database database,
      StoreConfig storeConfig,
      Clock clock) {
    this.collector = collector;
    this.costCollector = costCollector;
    this.costSeries = costSeries;
    this.maintenanceSeries = maintenanceSeries;
    this.costs = costs;
    this.alarms = alarms;
    this.notifications = notifications;
    this.leadership = leadership;
    this.journal = journal;
    this.database = database;
    this.storeConfig = storeConfig;
    this.clock = clock;
    leadership.onGain(this::takeOver);
    if (journal.enabled()) {
      // What was collected before this instance started: its pages have history at once.
      try {
        journal.load();
      } catch (RuntimeException e) {
        LOG.warnf("Cannot load the shared points: %s", e.getMessage());
      }
    }
  }

  /**
   * Checks hourly whether Cost Explorer is due; the collector asks only what its refresh and daily
   * cap allow, so most checks ask nothing.
   */
  @Scheduled(identity = "costs", every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
  void costs() {
    if (leadership.isLeader()) {
      costCollector.refresh();
    }
  }

  @Scheduled(
      identity = "poll",
      every = "${stackwatch.poll.interval:5m}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    cycle();
  }

  /** The instances that do not poll load what the leader shared, more often than it polls. */
  @Scheduled(
      identity = "follow",
      every = "${stackwatch.replica.sync-interval:30s}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void sync() {
    if (journal.enabled() && !leadership.leading()) {
      follow();
    }
  }

  /**
   * One scheduled turn: the leader polls and evaluates; another instance loads what the leader
   * shared.
   *
   * @return what the poll did, or empty when this instance follows
   */
  public synchronized Optional<Outcome> cycle() {
    if (!leadership.isLeader()) {
      follow();
      return Optional.empty();
    }
    return Optional.of(run());
  }

  /** One poll and one evaluation; what tests call instead of waiting for the schedule. */
  public synchronized Outcome run() {
    // Changes kept while the store was away go first, in order.
    database.replay();
    PollResult poll = collector.poll();
    costSeries.record();
    maintenanceSeries.record();
    List<Transition> transitions = alarms.evaluate();
    try {
      notifications.observe(transitions);
    } catch (RuntimeException e) {
      // The transitions are recorded in the alarm history whatever happens here.
      LOG.errorf(e, "Cannot hand %d transitions to the alert notifications", transitions.size());
    }
    if (journal.enabled()) {
      journal.publish(clock.instant().minus(storeConfig.retention()).getEpochSecond());
      try {
        alarms.share();
      } catch (RuntimeException e) {
        LOG.debugf("Cannot share alarm values: %s", e.getMessage());
      }
    }
    return new Outcome(poll, transitions);
  }

  /** Loads what the leader shared: points and poll statuses, alarm states, costs. */
  public void follow() {
    try {
      journal.load();
      alarms.follow();
      costs.reloadStored();
      costSeries.record();
    } catch (RuntimeException e) {
      // The store is away: the pages keep what was loaded, and say so.
      LOG.debugf("Cannot load what the leader shared: %s", e.getMessage());
    }
  }

  /** Taking the lead: the newest shared points, alarm states and alert groups first. */
  private void takeOver() {
    journal.load();
    alarms.follow();
    notifications.resume();
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
