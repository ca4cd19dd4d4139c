package io.stackwatch.poll;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.cost.Costs;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import io.stackwatch.store.SampleJournal;
import io.stackwatch.store.StoreConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Several instances sharing one PostgreSQL: the one that leads ({@link Leadership}) runs the
 * pipeline and shares what it collected and evaluated; the others load it on their own schedule,
 * more often than the leader polls, and serve the same numbers. Every instance tries the lead at
 * each poll interval, so a stopped leader is replaced within one; a new leader first takes the
 * newest shared points, alarm states and alert groups, before it writes anything, and what a former
 * leader kept in memory is never written over them ({@link Leadership}). On H2 there is one
 * instance, always leading, and nothing to share.
 */
@Singleton
public class Replicas {

  private static final Logger LOG = Logger.getLogger(Replicas.class);

  private final Leadership leadership;
  private final Database database;
  private final SampleJournal journal;
  private final AlarmEngine alarms;
  private final Costs costs;
  private final AlertNotifications notifications;
  private final Snapshots snapshots;
  private final StoreConfig storeConfig;
  private final Clock clock;

  Replicas(
      Leadership leadership,
      Database database,
      SampleJournal journal,
      AlarmEngine alarms,
      Costs costs,
      AlertNotifications notifications,
      Snapshots snapshots,
      StoreConfig storeConfig,
      Clock clock) {
    this.leadership = leadership;
    this.database = database;
    this.journal = journal;
    this.alarms = alarms;
    this.costs = costs;
    this.notifications = notifications;
    this.snapshots = snapshots;
    this.storeConfig = storeConfig;
    this.clock = clock;
    leadership.onGain(this::takeOver);
    if (journal.enabled()) {
      // What was collected before this instance started: its pages have history at once.
      try {
        journal.load();
        snapshots.publishPoll();
      } catch (RuntimeException e) {
        LOG.warnf("Cannot load the shared points: %s", e.getMessage());
      }
    }
  }

  /** Whether this instance leads now, taking the lead if it is free. */
  public boolean leads() {
    return leadership.isLeader();
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

  /** Before a poll: changes kept while the store was away are written first, in order. */
  void beforePoll() {
    database.replay();
  }

  /** After a poll: the new points, poll statuses and alarm values, for the others to load. */
  void afterPoll() {
    if (!journal.enabled()) {
      return;
    }
    journal.publish(clock.instant().minus(storeConfig.retention()).getEpochSecond());
    try {
      alarms.share();
    } catch (RuntimeException e) {
      LOG.debugf("Cannot share alarm values: %s", e.getMessage());
    }
  }

  /** Loads what the leader shared (points, poll statuses, alarm states, costs) and publishes it. */
  public void follow() {
    try {
      journal.load();
      alarms.follow();
      costs.reloadStored();
    } catch (RuntimeException e) {
      // The store is away: the pages keep what was loaded, and say so.
      LOG.debugf("Cannot load what the leader shared: %s", e.getMessage());
    }
    snapshots.publishPoll();
  }

  /** Taking the lead: the newest shared points, alarm states and alert groups first. */
  private void takeOver() {
    journal.load();
    alarms.follow();
    notifications.resume();
  }
}
