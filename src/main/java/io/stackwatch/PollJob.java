package io.stackwatch;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Transition;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.cost.CostSeries;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The pipeline on its schedules: poll CloudWatch into the store, record the cost verdicts, then
 * evaluate the alarms; and, on its own slower cadence, refresh the costs from Cost Explorer.
 */
@Singleton
public class PollJob {

  private final CloudWatchCollector collector;
  private final CostCollector costCollector;
  private final CostSeries costSeries;
  private final AlarmEngine alarms;

  PollJob(
      CloudWatchCollector collector,
      CostCollector costCollector,
      CostSeries costSeries,
      AlarmEngine alarms) {
    this.collector = collector;
    this.costCollector = costCollector;
    this.costSeries = costSeries;
    this.alarms = alarms;
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
    return new Outcome(poll, alarms.evaluate());
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
