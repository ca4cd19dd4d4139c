package io.stackwatch.maintenance;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.inject.Singleton;

/**
 * Gathers the maintenance evidence hourly; the first run, at start-up, fills in whatever checks are
 * missing. Each check runs once per period of its chore (see {@link EvidenceCollector}), so most
 * runs ask AWS nothing.
 */
@Singleton
public class MaintenanceJob {

  private final EvidenceCollector collector;

  MaintenanceJob(EvidenceCollector collector) {
    this.collector = collector;
  }

  @Scheduled(identity = "maintenance", every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    collector.run();
  }
}
