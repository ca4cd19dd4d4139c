package io.stackwatch.store;

import io.stackwatch.store.Points.Sample;
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

  /**
   * @param retention how far back points are kept
   * @param period the finest period stored
   */
  public SampleStore(Duration retention, Duration period) {
    this.capacity = (int) (retention.toSeconds() / period.toSeconds());
  }

  /** Adds or revises points of a series, ascending in time. */
  public void put(String key, long[] epochSeconds, double[] values) {
    if (epochSeconds.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length for " + key);
    }
    series.computeIfAbsent(key, k -> new SeriesHistory(capacity)).upsert(epochSeconds, values);
  }

  public Optional<Sample> latest(String key) {
    SeriesHistory h = series.get(key);
    return h == null ? Optional.empty() : h.latest().last();
  }

  /** Points at or after the given time. */
  public Points since(String key, long fromEpochSeconds) {
    SeriesHistory h = series.get(key);
    return h == null ? Points.EMPTY : h.since(fromEpochSeconds);
  }

  /** The value at exactly this time, or NaN when there is none. */
  public double valueAt(String key, long epochSeconds) {
    SeriesHistory h = series.get(key);
    return h == null ? Double.NaN : h.valueAtTime(epochSeconds);
  }

  /** Number of series holding at least one point. */
  public int size() {
    return series.size();
  }
}
