package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.series.Points;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compact history returns exactly what was put, checked against a sorted map that keeps the
 * newest {@code capacity} points: polls with overlap and gaps, late and revised points, runs of
 * older points put at once, points past retention, across chunk boundaries, with values that stress
 * the XOR packing.
 */
@Tag("plain")
class SeriesHistoryTest {

  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void returnsExactlyWhatWasPut(int seed) {
    Random random = new Random(seed);
    int[] capacities = {5, SeriesHistory.CHUNK - 1, SeriesHistory.CHUNK, 300, 1440};
    int capacity = capacities[seed % capacities.length];
    SeriesHistory history = new SeriesHistory(capacity);
    TreeMap<Long, Double> expected = new TreeMap<>();
    DoubleSupplier value = values(random);
    long last = T0;
    for (int poll = 0; poll < 400; poll++) {
      // A poll: the overlap of the newest minutes again, revised, then new minutes with gaps.
      List<Long> times = new ArrayList<>();
      for (long t = last - 60L * random.nextInt(4); t <= last + 300; t += 60) {
        if (random.nextInt(10) > 0) {
          times.add(t);
        }
      }
      put(history, expected, capacity, times, value);
      last += 300;
      if (random.nextInt(4) == 0) {
        // A late or revised point anywhere in the last day, some of them past retention.
        long late = last - 60L * random.nextInt(1500);
        put(history, expected, capacity, List.of(late), value);
      }
      if (random.nextInt(20) == 0) {
        // A run of older minutes put at once, across chunks (a history load, a backfill).
        long end = last - 60L * random.nextInt(1500);
        List<Long> run = new ArrayList<>();
        for (long t = end - 60L * random.nextInt(400); t <= end; t += 60) {
          run.add(t);
        }
        put(history, expected, capacity, run, value);
      }
      assertSame(history, expected, random);
    }
  }

  @Test
  void revisesAPointInASealedChunkAndKeepsTheExactRetention() {
    int capacity = 3 * SeriesHistory.CHUNK;
    SeriesHistory history = new SeriesHistory(capacity);
    TreeMap<Long, Double> expected = new TreeMap<>();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < capacity + SeriesHistory.CHUNK / 2; i++) {
      times.add(T0 + 60L * i);
    }
    double[] n = {0};
    put(history, expected, capacity, times, () -> n[0]++);
    // The oldest chunk is half past retention: its first half is gone, its second half is held.
    long firstHeld = T0 + 60L * (SeriesHistory.CHUNK / 2);
    assertThat(history.earliest())
        .get()
        .extracting(Points.Sample::at)
        .isEqualTo(Instant.ofEpochSecond(firstHeld));
    assertThat(history.valueAtTime(firstHeld - 60)).isNaN();

    // Revising a point that is past retention does not bring it back; it would be the oldest.
    put(history, expected, capacity, List.of(firstHeld - 60), () -> -1);
    put(history, expected, capacity, List.of(firstHeld + 60), () -> -0.0);
    put(history, expected, capacity, List.of(firstHeld + 90), () -> Double.NaN);

    assertSame(history, expected, new Random(1));
    assertThat(history.size()).isEqualTo(capacity);
  }

  private static void put(
      SeriesHistory history,
      TreeMap<Long, Double> expected,
      int capacity,
      List<Long> times,
      DoubleSupplier value) {
    long[] t = times.stream().mapToLong(Long::longValue).toArray();
    double[] v = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      v[i] = value.getAsDouble();
      expected.put(t[i], v[i]);
      while (expected.size() > capacity) {
        expected.pollFirstEntry();
      }
    }
    history.upsert(t, v);
  }

  private static void assertSame(
      SeriesHistory history, TreeMap<Long, Double> expected, Random random) {
    assertPoints(history.since(0), expected);
    long from = expected.firstKey() + 60L * random.nextInt(400) - 600;
    long to = from + 60L * random.nextInt(300);
    assertPoints(history.between(from, to), expected.subMap(from, true, to, true));
    long at = expected.lastKey() - 60L * random.nextInt(expected.size() + 10);
    assertThat(Double.doubleToRawLongBits(history.valueAtTime(at)))
        .isEqualTo(Double.doubleToRawLongBits(expected.getOrDefault(at, Double.NaN)));
    assertThat(history.earliest())
        .get()
        .extracting(Points.Sample::at)
        .isEqualTo(Instant.ofEpochSecond(expected.firstKey()));
    assertPoints(history.latest(), expected.tailMap(expected.lastKey(), true));
    assertThat(history.size()).isEqualTo(expected.size());
  }

  private static void assertPoints(Points actual, Map<Long, Double> expected) {
    assertThat(actual.epochSeconds())
        .containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
    assertThat(bits(actual.values()))
        .containsExactly(
            bits(expected.values().stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private static long[] bits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return bits;
  }

  /** Values that change kind every few points: the awkward ones, whole, repeated and noise. */
  private static DoubleSupplier values(Random random) {
    double[] special = {
      Double.NaN,
      Double.longBitsToDouble(0x7ff8_0000_0000_0abcL),
      -0.0,
      0.0,
      -1.5,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1e-300,
      123_456_789_012.0
    };
    double[] previous = {0};
    return () -> {
      double v =
          switch (random.nextInt(6)) {
            case 0 -> special[random.nextInt(special.length)];
            case 1 -> random.nextInt(1000);
            case 2 -> previous[0];
            case 3 -> Double.longBitsToDouble(random.nextLong());
            case 4 -> random.nextGaussian() * 1e6;
            default -> previous[0] + random.nextInt(5);
          };
      previous[0] = v;
      return v;
    };
  }
}
