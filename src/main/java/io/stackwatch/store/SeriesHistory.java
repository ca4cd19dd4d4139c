package io.stackwatch.store;

import io.stackwatch.series.Points;
import java.util.Arrays;

/**
 * The recent points of one series in two primitive ring buffers, oldest first. Times are kept as
 * seconds since {@link #BASE} in an {@code int}, values as {@code double}: twelve bytes a point.
 * Thread-safe: one poller writes, many readers copy.
 */
final class SeriesHistory {

  /** 2020-01-01T00:00:00Z; an int of seconds from it lasts until 2088. */
  static final long BASE = 1_577_836_800L;

  private final int[] times;
  private final double[] values;
  private int start;
  private int size;

  SeriesHistory(int capacity) {
    this.times = new int[capacity];
    this.values = new double[capacity];
  }

  /**
   * Adds points in ascending time order. A point at a time already held replaces it, since
   * CloudWatch revises its newest points; the oldest points drop out when the buffer is full.
   */
  synchronized void upsert(long[] epochSeconds, double[] newValues) {
    for (int i = 0; i < epochSeconds.length; i++) {
      int t = (int) (epochSeconds[i] - BASE);
      if (size == 0 || t > timeAt(size - 1)) {
        append(t, newValues[i]);
      } else {
        insertOrReplace(t, newValues[i]);
      }
    }
  }

  synchronized Points since(long fromEpochSeconds) {
    return between(fromEpochSeconds, Long.MAX_VALUE);
  }

  synchronized Points between(long fromEpochSeconds, long toEpochSeconds) {
    long from = fromEpochSeconds - BASE;
    long to = toEpochSeconds - BASE;
    int first = 0;
    while (first < size && timeAt(first) < from) {
      first++;
    }
    int end = first;
    while (end < size && timeAt(end) <= to) {
      end++;
    }
    int n = end - first;
    long[] t = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = timeAt(first + i) + BASE;
      v[i] = valueAt(first + i);
    }
    return new Points(t, v);
  }

  /** The value at exactly this time, or NaN. */
  synchronized double valueAtTime(long epochSeconds) {
    int i = indexOf((int) (epochSeconds - BASE));
    return i < 0 ? Double.NaN : valueAt(i);
  }

  synchronized java.util.Optional<Points.Sample> earliest() {
    if (size == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Points.Sample(java.time.Instant.ofEpochSecond(timeAt(0) + BASE), valueAt(0)));
  }

  synchronized Points latest() {
    if (size == 0) {
      return Points.EMPTY;
    }
    return new Points(new long[] {timeAt(size - 1) + BASE}, new double[] {valueAt(size - 1)});
  }

  private void append(int t, double v) {
    int at = (start + size) % times.length;
    times[at] = t;
    values[at] = v;
    if (size < times.length) {
      size++;
    } else {
      start = (start + 1) % times.length;
    }
  }

  /** A revised or late point: rare, so the buffer is simply rebuilt in order. */
  private void insertOrReplace(int t, double v) {
    int found = indexOf(t);
    if (found >= 0) {
      values[(start + found) % values.length] = v;
      return;
    }
    int[] ts = new int[size + 1];
    double[] vs = new double[size + 1];
    int k = 0;
    boolean placed = false;
    for (int i = 0; i < size; i++) {
      if (!placed && timeAt(i) > t) {
        ts[k] = t;
        vs[k++] = v;
        placed = true;
      }
      ts[k] = timeAt(i);
      vs[k++] = valueAt(i);
    }
    int keep = Math.min(ts.length, times.length);
    int drop = ts.length - keep;
    System.arraycopy(ts, drop, times, 0, keep);
    System.arraycopy(vs, drop, values, 0, keep);
    start = 0;
    size = keep;
  }

  private int indexOf(int t) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int m = timeAt(mid);
      if (m < t) {
        lo = mid + 1;
      } else if (m > t) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  private int timeAt(int i) {
    return times[(start + i) % times.length];
  }

  private double valueAt(int i) {
    return values[(start + i) % values.length];
  }

  @Override
  public synchronized String toString() {
    return "SeriesHistory" + Arrays.toString(since(0).epochSeconds());
  }
}
