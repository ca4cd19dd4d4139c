package io.stackwatch.poll;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Singleton;

/**
 * Cost Explorer on its own cadence: checks hourly whether anything is due and publishes the costs;
 * the collector asks only what its refresh and daily cap allow, so most checks ask nothing. Only
 * the leader asks; the others read the stored answers at their next sync.
 */
@Singleton
public class CostJob {

  private final CostCollector collector;
  private final Snapshots snapshots;
  private final Replicas replicas;

  CostJob(CostCollector collector, Snapshots snapshots, Replicas replicas) {
    this.collector = collector;
    this.snapshots = snapshots;
    this.replicas = replicas;
  }

  /** First 3 s after the start: the start's first poll (PollJob#firstTurn) has the cores first. */
  @Scheduled(
      identity = "costs",
      every = "1h",
      delayed = "3s",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    if (replicas.leads()) {
      refresh();
    }
  }

  /** Asks Cost Explorer what is due, and publishes the costs: what tests call. */
  public synchronized CostCollector.Refresh refresh() {
    CostCollector.Refresh refresh = collector.refresh();
    snapshots.publishCosts();
    return refresh;
  }
}
