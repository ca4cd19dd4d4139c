package io.stackwatch.store;

import io.stackwatch.series.Points;
import io.stackwatch.series.Points.Sample;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latest samples and a short history of every series, in memory, keyed by series key. The poller
 * writes; pages, the JSON API and the Prometheus export read, and never call AWS.
 */
public final class SampleStore {

  private final ConcurrentHashMap<String, SeriesHistory> series = new ConcurrentHashMap<>();
  private final int capacity;
  // Set on PostgreSQL: the points this instance collects are also written for the others.
  private volatile SampleJournal journal;
  // Set when history is kept: the points the poll puts are also written there.
  private volatile History history;

  /**
   * @param retention how far back points are kept
   * @param period the finest period stored
   */
  public SampleStore(Duration retention, Duration period) {
    this.capacity = (int) (retention.toSeconds() / period.toSeconds());
  }

  /**
   * Adds or revises points of a series, ascending in time; where instances share one store, they
   * are also noted for the others (see {@link SampleJournal}).
   */
  public void put(String key, long[] epochSeconds, double[] values) {
    restore(key, epochSeconds, values);
    SampleJournal j = journal;
    if (j != null) {
      j.add(key, epochSeconds, values);
    }
    History h = history;
    if (h != null) {
      h.touched(key, epochSeconds);
    }
  }

  /** Adds points another instance collected: kept in memory, not shared again. */
  void restore(String key, long[] epochSeconds, double[] values) {
    if (epochSeconds.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length for " + key);
    }
    series.computeIfAbsent(key, k -> new SeriesHistory(capacity)).upsert(epochSeconds, values);
  }

  void keepHistoryIn(History history) {
    this.history = history;
  }

  void shareThrough(SampleJournal journal) {
    this.journal = journal;
  }

  public Optional<Sample> latest(String key) {
    SeriesHistory h = series.get(key);
    return h == null ? Optional.empty() : h.latest().last();
  }

  /** The oldest point held of a series, if any. */
  public Optional<Sample> earliest(String key) {
    SeriesHistory h = series.get(key);
    return h == null ? Optional.empty() : h.earliest();
  }

  /** Points at or after the given time. */
  public Points since(String key, long fromEpochSeconds) {
    SeriesHistory h = series.get(key);
    return h == null ? Points.EMPTY : h.since(fromEpochSeconds);
  }

  /** Points at or after {@code from} and at or before {@code to}. */
  public Points between(String key, long fromEpochSeconds, long toEpochSeconds) {
    SeriesHistory h = series.get(key);
    return h == null ? Points.EMPTY : h.between(fromEpochSeconds, toEpochSeconds);
  }

  /** The value at exactly this time, or NaN when there is none. */
  public double valueAt(String key, long epochSeconds) {
    SeriesHistory h = series.get(key);
    return h == null ? Double.NaN : h.valueAtTime(epochSeconds);
  }

  /** What the in-memory history holds: its points, and the bytes of the arrays holding them. */
  public record Footprint(long points, long bytes) {}

  /** Counts the points held and the bytes they take, series by series. */
  public Footprint footprint() {
    long points = 0;
    long bytes = 0;
    for (SeriesHistory h : series.values()) {
      points += h.size();
      bytes += h.bytes();
    }
    return new Footprint(points, bytes);
  }

  /** Number of series holding at least one point. */
  public int size() {
    return series.size();
  }
}
