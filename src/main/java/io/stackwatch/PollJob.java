package io.stackwatch;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Transition;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import jakarta.inject.Singleton;
import java.util.List;

/** The pipeline on its schedule: poll CloudWatch into the store, then evaluate the alarms. */
@Singleton
public class PollJob {

  private final CloudWatchCollector collector;
  private final AlarmEngine alarms;

  PollJob(CloudWatchCollector collector, AlarmEngine alarms) {
    this.collector = collector;
    this.alarms = alarms;
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
    return new Outcome(poll, alarms.evaluate());
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
