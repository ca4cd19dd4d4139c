package io.stackwatch.poll;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Transition;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.cost.CostSeries;
import io.stackwatch.maintenance.MaintenanceSeries;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pipeline on its schedules: poll CloudWatch into the store, record the cost and maintenance
 * verdicts as series, evaluate the alarms, hand their transitions to the alert notifications, and
 * publish the snapshot every reader reads; on its own slower cadence, refresh the costs from Cost
 * Explorer. Only the instance that leads does this (see {@link Replicas}); the others follow.
 */
@Singleton
public class PollJob {

  private static final Logger LOG = Logger.getLogger(PollJob.class);

  private final CloudWatchCollector collector;
  private final CostSeries costSeries;
  private final MaintenanceSeries maintenanceSeries;
  private final AlarmEngine alarms;
  private final AlertNotifications notifications;
  private final Snapshots snapshots;
  private final CostCollector costCollector;
  private final Replicas replicas;

  PollJob(
      CloudWatchCollector collector,
      CostSeries costSeries,
      MaintenanceSeries maintenanceSeries,
      AlarmEngine alarms,
      AlertNotifications notifications,
      Snapshots snapshots,
      CostCollector costCollector,
      Replicas replicas) {
    this.collector = collector;
    this.costSeries = costSeries;
    this.maintenanceSeries = maintenanceSeries;
    this.alarms = alarms;
    this.notifications = notifications;
    this.snapshots = snapshots;
    this.costCollector = costCollector;
    this.replicas = replicas;
  }

  @Scheduled(
      identity = "poll",
      every = "${stackwatch.poll.interval:5m}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    cycle();
  }

  /**
   * Checks hourly whether Cost Explorer is due; the collector asks only what its refresh and daily
   * cap allow, so most checks ask nothing.
   */
  @Scheduled(identity = "costs", every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
  void costs() {
    if (replicas.leads()) {
      refreshCosts();
    }
  }

  /**
   * One scheduled turn: the leader runs the pipeline; another instance loads what the leader
   * shared.
   *
   * @return what the poll did, or empty when this instance follows
   */
  public synchronized Optional<Outcome> cycle() {
    if (!replicas.leads()) {
      replicas.follow();
      return Optional.empty();
    }
    return Optional.of(run());
  }

  /** Poll, record, evaluate, notify, publish: what tests call instead of waiting. */
  public synchronized Outcome run() {
    replicas.beforePoll();
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
    replicas.afterPoll();
    snapshots.publishPoll();
    return new Outcome(poll, transitions);
  }

  /** Asks Cost Explorer what is due, and publishes the costs. */
  public CostCollector.Refresh refreshCosts() {
    CostCollector.Refresh refresh = costCollector.refresh();
    snapshots.publishCosts();
    return refresh;
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
