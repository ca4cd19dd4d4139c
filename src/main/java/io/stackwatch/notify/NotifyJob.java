package io.stackwatch.notify;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxSender;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Leadership;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The notifier's cadence: every 10 seconds, write the digests and alert summaries that are due into
 * the outbox, then drain it. Each step in its own try, so a failing digest never holds back an
 * alert. Tests call {@link #tick()} instead of waiting.
 */
@Singleton
public class NotifyJob {

  private static final Logger LOG = Logger.getLogger(NotifyJob.class);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);
  // The digest looks up today's in the outbox: never forget one sooner than a day.
  private static final Duration SHORTEST_HISTORY = Duration.ofDays(2);

  private final AlertNotifications alerts;
  private final DailyDigest digest;
  private final OutboxSender sender;
  private final Outbox outbox;
  private final Duration history;
  private final Clock clock;
  private final Leadership leadership;
  private final Snapshots snapshots;
  private Instant lastPrune = Instant.EPOCH;

  NotifyJob(
      Leadership leadership,
      AlertNotifications alerts,
      DailyDigest digest,
      OutboxSender sender,
      Outbox outbox,
      NotifyConfig config,
      Snapshots snapshots,
      Clock clock) {
    this.leadership = leadership;
    this.snapshots = snapshots;
    this.alerts = alerts;
    this.digest = digest;
    this.sender = sender;
    this.outbox = outbox;
    this.history =
        config.history().compareTo(SHORTEST_HISTORY) < 0 ? SHORTEST_HISTORY : config.history();
    this.clock = clock;
  }

  /** Only the leader sends (see {@link Leadership}): a message is never sent by two instances. */
  @Scheduled(identity = "notify", every = "10s", concurrentExecution = ConcurrentExecution.SKIP)
  void scheduled() {
    if (leadership.isLeader()) {
      tick();
    }
  }

  /** The acknowledgements holding as last published, by alarm key. */
  private Map<String, Acknowledgement> acknowledged() {
    Map<String, Acknowledgement> out = new HashMap<>();
    for (AlarmReading a : snapshots.current().alarms()) {
      a.acknowledgement().ifPresent(k -> out.put(a.key(), k));
    }
    return out;
  }

  /** The alarms a silence holds now, by key: they send nothing (alarms/README.md, "Silences"). */
  private Set<String> silenced() {
    Instant now = clock.instant();
    Set<String> out = new HashSet<>();
    for (AlarmReading a : snapshots.current().alarms()) {
      if (a.silenced(now)) {
        out.add(a.key());
      }
    }
    return out;
  }

  /** What one tick did. */
  public record Tick(int digests, int summaries, OutboxSender.Drain drain) {}

  /** Writes what is due into the outbox and sends what can be sent. */
  public synchronized Tick tick() {
    int digests = 0;
    int summaries = 0;
    OutboxSender.Drain drain = OutboxSender.Drain.NOTHING;
    try {
      digests = digest.enqueueDue();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Cannot write the daily digest");
    }
    try {
      summaries = alerts.flush(acknowledged(), silenced());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Cannot write alert summaries; they stay due");
    }
    try {
      drain = sender.drain();
    } catch (RuntimeException e) {
      LOG.errorf(e, "Cannot drain the outbox; its messages stay pending");
    }
    Instant now = clock.instant();
    if (!now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
      lastPrune = now;
      try {
        outbox.prune(now.minus(history));
      } catch (RuntimeException e) {
        LOG.warnf("Cannot prune the outbox: %s", e.getMessage());
      }
    }
    return new Tick(digests, summaries, drain);
  }
}
