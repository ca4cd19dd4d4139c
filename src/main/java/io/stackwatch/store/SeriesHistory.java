package io.stackwatch.store;

import io.stackwatch.series.Points;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The recent points of one series, at most {@code capacity} of them, oldest first: sealed {@link
 * PointChunk}s of {@link #CHUNK} points, about two bytes a point, then an open buffer of the newest
 * points as plain arrays, where the poll's overlap revises them. Times are kept as seconds since
 * {@link #BASE}. Thread-safe: one poller writes, many readers copy.
 */
final class SeriesHistory {

  /** 2020-01-01T00:00:00Z; an int of seconds from it lasts until 2088. */
  static final long BASE = 1_577_836_800L;

  /** Points in a sealed chunk: two hours of 1-minute points. */
  static final int CHUNK = 120;

  private final int capacity;
  private final List<PointChunk> sealed = new ArrayList<>();
  // The oldest points of the first chunk that are past retention; the chunk goes once all are.
  private int dropped;
  private int sealedSize;
  private int[] openTimes = new int[8];
  private double[] openValues = new double[8];
  private int openSize;

  SeriesHistory(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Adds points in ascending time order. A point at a time already held replaces it, since
   * CloudWatch revises its newest points; the oldest points drop out when the history is full.
   */
  synchronized void upsert(long[] epochSeconds, double[] newValues) {
    for (int i = 0; i < epochSeconds.length; i++) {
      int t = (int) (epochSeconds[i] - BASE);
      if (size() == 0 || t > lastTime()) {
        insertOpen(openSize, t, newValues[i]);
      } else if (sealed.isEmpty() || t > sealed.get(sealed.size() - 1).lastTime()) {
        int at = Arrays.binarySearch(openTimes, 0, openSize, t);
        if (at >= 0) {
          openValues[at] = newValues[i];
        } else {
          insertOpen(-at - 1, t, newValues[i]);
        }
      } else {
        // The rest reaches into the sealed chunks: merged in at once, each chunk packed once.
        merge(epochSeconds, newValues, i);
        return;
      }
      while (size() > capacity) {
        dropOldest();
      }
    }
  }

  synchronized Points since(long fromEpochSeconds) {
    return between(fromEpochSeconds, Long.MAX_VALUE);
  }

  synchronized Points between(long fromEpochSeconds, long toEpochSeconds) {
    long from = fromEpochSeconds - BASE;
    long to = toEpochSeconds - BASE;
    long[] t = new long[16];
    double[] v = new double[16];
    int n = 0;
    for (int c = 0; c <= sealed.size(); c++) {
      boolean inChunk = c < sealed.size();
      if (inChunk && sealed.get(c).lastTime() < from) {
        continue;
      }
      Points p = inChunk ? decoded(c) : open();
      for (int i = 0; i < p.size(); i++) {
        long time = p.epochSeconds()[i] - BASE;
        if (time >= from && time <= to) {
          if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
            v = Arrays.copyOf(v, n * 2);
          }
          t[n] = p.epochSeconds()[i];
          v[n++] = p.values()[i];
        }
      }
      if (inChunk && sealed.get(c).lastTime() >= to) {
        break;
      }
    }
    return new Points(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
  }

  /** The value at exactly this time, or NaN. */
  synchronized double valueAtTime(long epochSeconds) {
    Points p = between(epochSeconds, epochSeconds);
    return p.isEmpty() ? Double.NaN : p.values()[0];
  }

  synchronized Optional<Points.Sample> earliest() {
    if (size() == 0) {
      return Optional.empty();
    }
    Points p = sealed.isEmpty() ? open() : decoded(0);
    return Optional.of(
        new Points.Sample(Instant.ofEpochSecond(p.epochSeconds()[0]), p.values()[0]));
  }

  synchronized Points latest() {
    if (size() == 0) {
      return Points.EMPTY;
    }
    Points p = openSize > 0 ? open() : decoded(sealed.size() - 1);
    int last = p.size() - 1;
    return new Points(new long[] {p.epochSeconds()[last]}, new double[] {p.values()[last]});
  }

  synchronized int size() {
    return sealedSize + openSize;
  }

  /** The bytes holding the points: the sealed chunks' and the open buffer's arrays. */
  synchronized long bytes() {
    long bytes = (long) openTimes.length * Integer.BYTES + (long) openValues.length * Double.BYTES;
    for (PointChunk c : sealed) {
      bytes += c.bytes();
    }
    return bytes;
  }

  private int lastTime() {
    return openSize > 0 ? openTimes[openSize - 1] : sealed.get(sealed.size() - 1).lastTime();
  }

  /** Inserts into the open buffer, sealing it into a chunk once full. */
  private void insertOpen(int at, int t, double v) {
    if (openSize == openTimes.length) {
      openTimes = Arrays.copyOf(openTimes, Math.min(CHUNK, openSize * 2));
      openValues = Arrays.copyOf(openValues, openTimes.length);
    }
    System.arraycopy(openTimes, at, openTimes, at + 1, openSize - at);
    System.arraycopy(openValues, at, openValues, at + 1, openSize - at);
    openTimes[at] = t;
    openValues[at] = v;
    if (++openSize == CHUNK) {
      sealed.add(PointChunk.of(openTimes, openValues, 0, openSize));
      sealedSize += openSize;
      openSize = 0;
      openTimes = new int[8];
      openValues = new double[8];
    }
  }

  /**
   * Late or revised points from {@code from} on, reaching into the sealed chunks: the chunks from
   * the first one they touch and the open buffer are unpacked, merged with them (a point at a time
   * already held replaces it) and packed again, then the oldest past capacity drop out.
   */
  private void merge(long[] epochSeconds, double[] newValues, int from) {
    int first = (int) (epochSeconds[from] - BASE);
    int c = 0;
    while (sealed.get(c).lastTime() < first) {
      c++;
    }
    int held = openSize - (c == 0 ? dropped : 0);
    for (int i = c; i < sealed.size(); i++) {
      held += sealed.get(i).count();
    }
    int[] heldTimes = new int[held];
    double[] heldValues = new double[held];
    int n = 0;
    for (int i = c; i < sealed.size(); i++) {
      Points p = decoded(i);
      for (int j = 0; j < p.size(); j++) {
        heldTimes[n] = (int) (p.epochSeconds()[j] - BASE);
        heldValues[n++] = p.values()[j];
      }
    }
    System.arraycopy(openTimes, 0, heldTimes, n, openSize);
    System.arraycopy(openValues, 0, heldValues, n, openSize);

    int[] ts = new int[held + epochSeconds.length - from];
    double[] vs = new double[ts.length];
    int m = 0;
    int a = 0;
    int b = from;
    while (a < held || b < epochSeconds.length) {
      int t = b < epochSeconds.length ? (int) (epochSeconds[b] - BASE) : Integer.MAX_VALUE;
      if (a < held && heldTimes[a] < t) {
        ts[m] = heldTimes[a];
        vs[m++] = heldValues[a++];
        continue;
      }
      if (a < held && heldTimes[a] == t) {
        a++;
      }
      if (m > 0 && ts[m - 1] == t) {
        m--;
      }
      ts[m] = t;
      vs[m++] = newValues[b++];
    }

    sealedSize -= held - openSize;
    sealed.subList(c, sealed.size()).clear();
    if (c == 0) {
      dropped = 0;
    }
    int packed = m - m % CHUNK;
    for (int i = 0; i < packed; i += CHUNK) {
      sealed.add(PointChunk.of(ts, vs, i, CHUNK));
    }
    sealedSize += packed;
    openSize = m - packed;
    openTimes = Arrays.copyOfRange(ts, packed, packed + Math.max(8, openSize));
    openValues = Arrays.copyOfRange(vs, packed, packed + Math.max(8, openSize));
    while (size() > capacity) {
      dropOldest();
    }
  }

  private void dropOldest() {
    if (sealed.isEmpty()) {
      openSize--;
      System.arraycopy(openTimes, 1, openTimes, 0, openSize);
      System.arraycopy(openValues, 1, openValues, 0, openSize);
      return;
    }
    sealedSize--;
    if (++dropped == sealed.get(0).count()) {
      sealed.remove(0);
      dropped = 0;
    }
  }

  /** The points of a sealed chunk still held, as epoch seconds. */
  private Points decoded(int c) {
    PointChunk chunk = sealed.get(c);
    int[] ts = new int[chunk.count()];
    double[] vs = new double[chunk.count()];
    chunk.decode(ts, vs);
    int skip = c == 0 ? dropped : 0;
    return points(ts, vs, skip, chunk.count() - skip);
  }

  private Points open() {
    return points(openTimes, openValues, 0, openSize);
  }

  private static Points points(int[] ts, double[] vs, int from, int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = ts[from + i] + BASE;
    }
    return new Points(t, Arrays.copyOfRange(vs, from, from + n));
  }

  @Override
  public synchronized String toString() {
    return "SeriesHistory" + Arrays.toString(since(0).epochSeconds());
  }
}
