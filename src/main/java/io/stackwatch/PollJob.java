package io.stackwatch;

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
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The pipeline on its schedules: poll CloudWatch into the store, record the cost verdicts and the
 * overdue critical maintenance chores, evaluate the alarms and hand their transitions to the alert
 * notifications; and, on its own slower cadence, refresh the costs from Cost Explorer.
 */
@Singleton
public class PollJob {

  private static final Logger LOG = Logger.getLogger(PollJob.class);

  private final CloudWatchCollector collector;
  private final CostCollector costCollector;
  private final CostSeries costSeries;
  private final MaintenanceSeries maintenanceSeries;
  private final AlarmEngine alarms;
  private final AlertNotifications notifications;

  PollJob(
      CloudWatchCollector collector,
      CostCollector costCollector,
      CostSeries costSeries,
      MaintenanceSeries maintenanceSeries,
      AlarmEngine alarms,
      AlertNotifications notifications) {
    this.collector = collector;
    this.costCollector = costCollector;
    this.costSeries = costSeries;
    this.maintenanceSeries = maintenanceSeries;
    this.alarms = alarms;
    this.notifications = notifications;
  }

  /**
   * Checks hourly whether Cost Explorer is due; the collector asks only what its refresh and daily
   * cap allow, so most checks ask nothing.
   */
  @Scheduled(identity = "costs", every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
  void costs() {
    costCollector.refresh();
  }

  @Scheduled(
      identity = "poll",
      every = "${stackwatch.poll.interval:5m}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    run();
  }

  /** One poll and one evaluation; what tests call instead of waiting for the schedule. */
  public Outcome run() {
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
    return new Outcome(poll, transitions);
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
