package io.stackwatch.poll;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.Transition;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.cloudwatch.HistoryFill;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cost.CostSeries;
import io.stackwatch.maintenance.MaintenanceSeries;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.History;
import io.stackwatch.store.SampleStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The pipeline on its schedule: find the resources when due, poll CloudWatch into the store, record
 * the cost and maintenance verdicts as series, evaluate the alarms, hand their transitions to the
 * alert notifications, and publish the snapshot every reader reads. Only the instance that leads
 * does this (see {@link Replicas}); the others follow.
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
  private final Replicas replicas;
  private final Rediscovery rediscovery;
  private final History history;
  private final HistoryFill fill;
  private final StartupTimeline timeline;
  private final Clock clock;
  private final Duration interval;
  private final Object turns = new Object();
  private Instant lastTurn = Instant.MIN;
  private Instant trimmed = Instant.MIN;

  PollJob(
      CloudWatchCollector collector,
      CostSeries costSeries,
      MaintenanceSeries maintenanceSeries,
      AlarmEngine alarms,
      AlertNotifications notifications,
      Snapshots snapshots,
      Replicas replicas,
      Rediscovery rediscovery,
      History history,
      HistoryFill fill,
      StartupTimeline timeline,
      PollConfig config,
      Clock clock) {
    this.collector = collector;
    this.costSeries = costSeries;
    this.maintenanceSeries = maintenanceSeries;
    this.alarms = alarms;
    this.notifications = notifications;
    this.snapshots = snapshots;
    this.replicas = replicas;
    this.rediscovery = rediscovery;
    this.history = history;
    this.fill = fill;
    this.timeline = timeline;
    this.clock = clock;
    this.interval = config.interval();
  }

  /**
   * On start, before the first poll: the history the store kept (loaded as the history is made) on
   * the pages at once, marked with its age; the first poll then runs in the background.
   */
  static void serveStoredHistory(
      @Observes @Priority(3) StartupEvent start, History history, Snapshots snapshots) {
    snapshots.publishPoll();
  }

  /**
   * On a first start (no stored history to show), the first turn at once, in the background, rather
   * than at the scheduler's first check of its triggers, which comes on the next whole second: up
   * to a second before the first numbers. A restart shows its stored history and leaves the first
   * turn to the scheduler, so that the poll does not take the cores from the first pages. Not when
   * the scheduler is off, as in tests, which call {@link #run()}.
   */
  static void firstTurn(
      @Observes @Priority(4) StartupEvent start,
      SampleStore samples,
      Scheduler scheduler,
      ManagedExecutor executor,
      Instance<PollJob> job) {
    if (samples.size() == 0 && scheduler.isRunning()) {
      // Made on the worker too: the job's clients and the simulator are not the start's work.
      executor.execute(() -> job.get().scheduled());
    }
  }

  /**
   * A turn, unless another began less than half an interval ago: the first turn and the scheduler's
   * first are one poll, not two billed a second apart.
   */
  @Scheduled(
      identity = "poll",
      every = "${stackwatch.poll.interval:5m}",
      concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    synchronized (turns) {
      Instant now = clock.instant();
      if (now.isBefore(lastTurn.plus(interval.dividedBy(2)))) {
        return;
      }
      lastTurn = now;
    }
    cycle();
  }

  /**
   * One scheduled turn: the leader runs the pipeline; another instance loads what the leader
   * shared.
   *
   * @return what the poll did, or empty when this instance follows
   */
  public synchronized Optional<Outcome> cycle() {
    if (!replicas.leads()) {
      // Every instance finds the resources itself (it costs nothing), so its pages list them.
      rediscovery.ifDue();
      replicas.follow();
      return Optional.empty();
    }
    return Optional.of(run());
  }

  /** Discover, poll, record, evaluate, notify, publish: what tests call instead of waiting. */
  public synchronized Outcome run() {
    replicas.beforePoll();
    rediscovery.ifDue();
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
    history.flush();
    snapshots.publishPoll();
    timeline.polled();
    // The pages have this poll's numbers; now the older part of new series' windows.
    if (collector.backfilling()) {
      collector.backfill();
      replicas.afterPoll();
      history.flush();
      snapshots.publishPoll();
    }
    // Then the history CloudWatch holds and the store lacks (a first start, a new series).
    if (fill.due()) {
      fill.fill();
    }
    trimHourly();
    return new Outcome(poll, transitions);
  }

  /** Deletes history past its retention, once an hour, in small batches. */
  private void trimHourly() {
    Instant now = clock.instant();
    if (now.isAfter(trimmed.plus(Duration.ofHours(1)))) {
      trimmed = now;
      history.trim();
    }
  }

  /**
   * Finds the resources now, as an admin asks, and publishes what changed.
   *
   * @return whether the resources, and so the series and alarms, changed
   */
  public synchronized boolean rediscover() {
    boolean changed = rediscovery.now();
    snapshots.publishPoll();
    return changed;
  }

  /** What one run did. */
  public record Outcome(PollResult poll, List<Transition> transitions) {}
}
