package io.stackwatch.store;

import io.stackwatch.series.Points;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Every series' history at CloudWatch's tiers, kept in the database ({@link HistoryStore}) so that
 * a restart loses nothing and replicas read the same.
 *
 * <p>The 1-minute points the poll puts in the {@link SampleStore} are noted by the hour they fall
 * in; {@link #flush} writes those hours to the 1-minute tier and, once an hour has ended and
 * settled, rolls it up into the 5-minute and 1-hour tiers by the statistic's {@link Rollup}. A
 * point arriving for an hour already rolled up (a series read once a day, a revision) rolls that
 * hour up again. Percentiles cannot be rolled up: their coarser tiers are written from what
 * CloudWatch answers at the coarser period ({@link #write}). {@link #read} serves a window at the
 * tier it calls for, the part not rolled up yet computed from the 1-minute points in memory.
 */
public final class History {

  private static final Logger LOG = Logger.getLogger(History.class);

  /** Batches of old blocks one {@link #trim} deletes at most per tier. */
  private static final int TRIM_BATCHES = 200;

  /**
   * Time the hourly compaction of the database file takes at most, within the poll that trims; what
   * is left waits for the next hour.
   */
  private static final Duration COMPACT_TIME = Duration.ofSeconds(30);

  /** What {@link #read} found: the tier read, the step between points, and the points. */
  public record Read(Tier tier, int stepSeconds, WeightedPoints points) {}

  private final HistoryStore store;
  private final SampleStore samples;
  private final Function<String, Rollup> rollups;
  private final HistoryConfig config;
  private final Duration memory;
  private final Clock clock;
  // Per series, the hours whose points changed since they were last written.
  private final Map<String, NavigableSet<Long>> dirty = new ConcurrentHashMap<>();

  /**
   * @param rollups the rollup of a series by its key
   * @param memory how far back the sample store keeps 1-minute points
   */
  public History(
      HistoryStore store,
      SampleStore samples,
      Function<String, Rollup> rollups,
      HistoryConfig config,
      Duration memory,
      Clock clock) {
    this.store = store;
    this.samples = samples;
    this.rollups = rollups;
    this.config = config;
    this.memory = memory;
    this.clock = clock;
    samples.keepHistoryIn(this);
  }

  /** Notes points just put in the sample store, to be written by {@link #flush}. */
  void touched(String key, long[] epochSeconds) {
    if (epochSeconds.length == 0) {
      return;
    }
    NavigableSet<Long> hours = dirty.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>());
    for (long t : epochSeconds) {
      hours.add(Tier.HOUR.align(t));
    }
  }

  /** What a flush wrote. */
  public record Flush(int hoursWritten, int hoursRolledUp, int blocks) {}

  /**
   * Writes the hours whose 1-minute points changed, and rolls up those that have settled. While the
   * store is away nothing is forgotten: the hours stay noted for the next flush.
   */
  public Flush flush() {
    long now = clock.instant().getEpochSecond();
    long settled = now - config.settle().toSeconds();
    long oldestInMemory = now - memory.toSeconds();
    List<HistoryStore.Write> writes = new ArrayList<>();
    Map<String, List<Long>> done = new java.util.HashMap<>();
    int rolled = 0;
    for (Map.Entry<String, NavigableSet<Long>> e : dirty.entrySet()) {
      String key = e.getKey();
      Rollup rollup = rollups.apply(key);
      for (long hour : e.getValue()) {
        if (hour + Tier.HOUR.periodSeconds() <= oldestInMemory) {
          // No longer in memory: what was written of it stays.
          done.computeIfAbsent(key, k -> new ArrayList<>()).add(hour);
          continue;
        }
        WeightedPoints minutes =
            WeightedPoints.whole(
                samples.between(key, hour, hour + Tier.HOUR.periodSeconds() - 1), Tier.MINUTE);
        writes.add(new HistoryStore.Write(key, Tier.MINUTE, minutes));
        if (hour + Tier.HOUR.periodSeconds() > settled) {
          continue; // written; rolled up, and forgotten, once it has settled
        }
        if (rollup.rollsUp() && !minutes.isEmpty()) {
          WeightedPoints five = rollup.apply(minutes, Tier.FIVE_MINUTES.periodSeconds());
          writes.add(new HistoryStore.Write(key, Tier.FIVE_MINUTES, five, true));
          writes.add(
              new HistoryStore.Write(
                  key, Tier.HOUR, rollup.apply(five, Tier.HOUR.periodSeconds()), true));
        }
        done.computeIfAbsent(key, k -> new ArrayList<>()).add(hour);
        rolled++;
      }
    }
    int blocks;
    try {
      blocks = store.merge(writes);
    } catch (StoreUnavailableException ex) {
      LOG.warnf("Cannot write history, will retry: %s", ex.getMessage());
      return new Flush(0, 0, 0);
    }
    // Only what was written is forgotten; points added meanwhile note their hour again.
    done.forEach(
        (key, hours) -> {
          NavigableSet<Long> set = dirty.get(key);
          if (set != null) {
            hours.forEach(set::remove);
          }
        });
    dirty.values().removeIf(NavigableSet::isEmpty);
    int hoursWritten = (int) writes.stream().filter(w -> w.tier() == Tier.MINUTE).count();
    return new Flush(hoursWritten, rolled, blocks);
  }

  /**
   * Loads the newest 1-minute points ({@code reload}, 3 hours, and further back to the first hour
   * not rolled up before a long stop) from the database into the sample store, as after a restart,
   * and notes the hours not yet rolled up, so they are. Older minutes stay in the database, where
   * {@link #read} finds them; points after now (a clock set back) too.
   *
   * @return points loaded
   * @throws StoreUnavailableException when the store is away
   */
  public long restore() {
    long now = clock.instant().getEpochSecond();
    Map<String, Long> hours = store.newest(Tier.HOUR);
    long oldest = now - memory.toSeconds();
    long reloadFrom = now - Math.min(memory.toSeconds(), config.reload().toSeconds());
    // Further back where an hour was not rolled up before the stop (a long stop), so it is now.
    long from = reloadFrom;
    for (long newest : hours.values()) {
      from = Math.min(from, Math.max(oldest, newest + Tier.HOUR.periodSeconds()));
    }
    long[] loaded = {0};
    store.readAll(
        Tier.MINUTE,
        from,
        (key, p) -> {
          Long newest = hours.get(key);
          long rolledUntil = newest == null ? Long.MAX_VALUE : newest + Tier.HOUR.periodSeconds();
          int first = 0;
          while (first < p.size() && p.epochSeconds()[first] < Math.min(reloadFrom, rolledUntil)) {
            first++;
          }
          // Points after now (the clock was set back since they were stored) stay in the database.
          int end = p.size();
          while (end > first && p.epochSeconds()[end - 1] > now) {
            end--;
          }
          long[] t = java.util.Arrays.copyOfRange(p.epochSeconds(), first, end);
          samples.restore(key, t, java.util.Arrays.copyOfRange(p.values(), first, end));
          loaded[0] += t.length;
          long notRolled = newest == null ? Long.MIN_VALUE : rolledUntil;
          for (long at : t) {
            if (at >= notRolled) {
              dirty
                  .computeIfAbsent(key, k -> new ConcurrentSkipListSet<>())
                  .add(Tier.HOUR.align(at));
            }
          }
        });
    return loaded[0];
  }

  /**
   * Writes history read from CloudWatch at a tier; its points replace stored ones.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public void write(String key, Tier tier, Points points) {
    if (!points.isEmpty()) {
      store.merge(List.of(new HistoryStore.Write(key, tier, WeightedPoints.whole(points, tier))));
    }
  }

  /**
   * The oldest and newest stored point of a series at a tier, if any.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public java.util.Optional<long[]> bounds(String key, Tier tier) {
    return store.bounds(key, tier);
  }

  /**
   * The stored points of a series at a tier in {@code [from, to]}, as they are.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public WeightedPoints stored(String key, Tier tier, long from, long to) {
    return store.read(key, tier, from, to);
  }

  /**
   * The oldest and newest stored point of every series at a tier.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public Map<String, long[]> bounds(Tier tier) {
    return store.bounds(tier);
  }

  /** The history fetched from CloudWatch since start: requests, metrics requested, points. */
  public record Fetched(long requests, long metrics, long points) {}

  private final java.util.concurrent.atomic.AtomicLongArray fetched =
      new java.util.concurrent.atomic.AtomicLongArray(3);

  /** Counts one request of history: its metrics and the points it brought. */
  public void fetched(int metrics, long points) {
    fetched.incrementAndGet(0);
    fetched.addAndGet(1, metrics);
    fetched.addAndGet(2, points);
  }

  public Fetched fetched() {
    return new Fetched(fetched.get(0), fetched.get(1), fetched.get(2));
  }

  /**
   * Deletes the blocks older than each tier's retention, in batches, then gives the database file
   * back the space of the blocks' old copies ({@link HistoryStore#compact}).
   *
   * @return blocks deleted
   */
  public int trim() {
    Instant now = clock.instant();
    Map<Tier, Duration> retention = new EnumMap<>(Tier.class);
    retention.put(Tier.MINUTE, config.minuteRetention());
    retention.put(Tier.FIVE_MINUTES, config.fiveMinuteRetention());
    retention.put(Tier.HOUR, config.hourRetention());
    int deleted = 0;
    try {
      for (Map.Entry<Tier, Duration> e : retention.entrySet()) {
        long cutoff = now.minus(e.getValue()).getEpochSecond();
        for (int i = 0; i < TRIM_BATCHES; i++) {
          int n = store.deleteOlderThan(e.getKey(), cutoff, config.deleteBatch());
          deleted += n;
          if (n < config.deleteBatch()) {
            break;
          }
        }
      }
      // The hour's flushes rewrote every series' newest blocks; their old copies, and the blocks
      // just deleted, are made room for the next hour's.
      store.compact(COMPACT_TIME);
    } catch (StoreUnavailableException ex) {
      LOG.warnf("Cannot delete old history, will retry: %s", ex.getMessage());
    }
    return deleted;
  }

  /**
   * A series' points in {@code [from, to]} at the finest tier that gives at most {@code maxPoints}
   * points; past 15 months of hours, the hours are combined further by the statistic's rollup (the
   * maximum for a percentile: peaks stay visible). The newest part, not rolled up yet, is rolled up
   * here from the 1-minute points in memory (a partial hour carries fewer minutes).
   *
   * @throws StoreUnavailableException when the store is away
   */
  public Read read(String key, long from, long to, int maxPoints) {
    long span = Math.max(1, to - from);
    long now = clock.instant().getEpochSecond();
    long memoryFrom = now - memory.toSeconds();
    Tier tier = Tier.HOUR;
    for (Tier t : Tier.values()) {
      if (span / t.periodSeconds() <= maxPoints
          && (t != Tier.MINUTE || minutesCover(key, from, span, memoryFrom))) {
        tier = t;
        break;
      }
    }
    Rollup rollup = rollups.apply(key);
    WeightedPoints points;
    if (tier == Tier.MINUTE) {
      // The minutes memory holds, after those only the database holds (before a restart).
      long inMemory =
          samples.earliest(key).map(e -> e.at().getEpochSecond()).orElse(Long.MAX_VALUE);
      WeightedPoints older =
          from < inMemory
              ? store.read(key, Tier.MINUTE, from, Math.min(to, inMemory - 1))
              : WeightedPoints.EMPTY;
      points =
          older.append(
              WeightedPoints.whole(
                  samples.between(key, Math.max(from, inMemory), to), Tier.MINUTE));
    } else {
      WeightedPoints stored = store.read(key, tier, tier.align(from), to);
      long tailFrom =
          stored.isEmpty()
              ? Math.max(from, memoryFrom)
              : stored.epochSeconds()[stored.size() - 1] + tier.periodSeconds();
      WeightedPoints tail = WeightedPoints.EMPTY;
      if (tailFrom <= to) {
        WeightedPoints minutes =
            WeightedPoints.whole(samples.between(key, tier.align(tailFrom), to), Tier.MINUTE);
        tail =
            tier == Tier.MINUTE || !rollup.rollsUp()
                ? minutes
                : rollup.apply(minutes, tier.periodSeconds());
      }
      points = stored.append(tail);
    }
    int step = tier.periodSeconds();
    if (points.size() > maxPoints) {
      long bucket = (span + maxPoints - 1) / maxPoints;
      step = (int) (((bucket + step - 1) / step) * step);
      points = (rollup.rollsUp() ? rollup : Rollup.MAXIMUM).apply(points, step);
    }
    return new Read(tier, step, points);
  }

  /**
   * Whether 1-minute points cover a window from its start: in memory for a short window (the newest
   * hours, as the poll reads them), or held that far back; otherwise a coarser tier, which the
   * history fetched from CloudWatch fills, serves it better.
   */
  private boolean minutesCover(String key, long from, long span, long memoryFrom) {
    if (from >= memoryFrom && span <= SHORT_WINDOW) {
      return true;
    }
    boolean inMemory =
        samples
            .earliest(key)
            .map(e -> e.at().getEpochSecond() <= from + Tier.FIVE_MINUTES.periodSeconds())
            .orElse(false);
    return inMemory
        || store
            .bounds(key, Tier.MINUTE)
            .map(b -> b[0] <= from + Tier.FIVE_MINUTES.periodSeconds())
            .orElse(false);
  }

  /** A window this short is always drawn from the 1-minute points, as far as they go. */
  private static final long SHORT_WINDOW = 6 * 3600;

  /**
   * Writes history read from CloudWatch at a tier, several series in one transaction; its points
   * replace stored ones.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public void write(Map<String, Points> byKey, Tier tier) {
    List<HistoryStore.Write> writes = new ArrayList<>();
    byKey.forEach(
        (key, p) -> {
          if (!p.isEmpty()) {
            writes.add(new HistoryStore.Write(key, tier, WeightedPoints.whole(p, tier)));
          }
        });
    store.merge(writes);
  }

  /** How long each tier is kept. */
  public Duration retention(Tier tier) {
    return switch (tier) {
      case MINUTE -> config.minuteRetention();
      case FIVE_MINUTES -> config.fiveMinuteRetention();
      case HOUR -> config.hourRetention();
    };
  }
}
