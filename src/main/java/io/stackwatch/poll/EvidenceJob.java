package io.stackwatch.poll;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.maintenance.EvidenceCollector;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Singleton;

/**
 * Gathers the maintenance evidence hourly and publishes it; the first run, at start-up, fills in
 * whatever checks are missing. Each check runs once per period of its chore (see {@link
 * EvidenceCollector}), so most runs ask AWS nothing. Only the leader gathers; the others read the
 * evidence it stores at their next sync.
 */
@Singleton
public class EvidenceJob {

  private final EvidenceCollector collector;
  private final Snapshots snapshots;
  private final Replicas replicas;

  EvidenceJob(EvidenceCollector collector, Snapshots snapshots, Replicas replicas) {
    this.collector = collector;
    this.snapshots = snapshots;
    this.replicas = replicas;
  }

  /** First 3 s after the start: the start's first poll (PollJob#firstTurn) has the cores first. */
  @Scheduled(
      identity = "maintenance",
      every = "1h",
      delayed = "3s",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    if (replicas.leads()) {
      collector.run();
      snapshots.publishMaintenance();
    }
  }
}
