package io.stackwatch.maintenance;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.store.Leadership;
import jakarta.inject.Singleton;

/**
 * Gathers the maintenance evidence hourly; the first run, at start-up, fills in whatever checks are
 * missing. Each check runs once per period of its chore (see {@link EvidenceCollector}), so most
 * runs ask AWS nothing. Of several instances sharing one database only the leader gathers; the
 * others read the evidence it stores.
 */
@Singleton
public class MaintenanceJob {

  private final EvidenceCollector collector;
  private final Leadership leadership;

  MaintenanceJob(EvidenceCollector collector, Leadership leadership) {
    this.collector = collector;
    this.leadership = leadership;
  }

  @Scheduled(identity = "maintenance", every = "1h", concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    if (leadership.isLeader()) {
      collector.run();
    }
  }
}
