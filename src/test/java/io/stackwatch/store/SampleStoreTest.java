package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.series.Points;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class SampleStoreTest {

  static final long T0 = Instant.parse("2026-11-26T12:00:00Z").getEpochSecond();

  final SampleStore store = new SampleStore(Duration.ofMinutes(5), Duration.ofMinutes(1));

  @Test
  void keepsPointsInOrderAndTheLatest() {
    store.put("prod/rds.cpu", new long[] {T0, T0 + 60, T0 + 120}, new double[] {10, 20, 30});

    assertThat(store.latest("prod/rds.cpu")).get().extracting(Points.Sample::value).isEqualTo(30.0);
    assertThat(store.since("prod/rds.cpu", T0 + 60).values()).containsExactly(20, 30);
  }

  @Test
  void revisedPointsReplaceTheOldOnesWithoutDuplicates() {
    store.put("k", new long[] {T0, T0 + 60, T0 + 120}, new double[] {1, 2, 3});
    // The overlap window reads the last two minutes again; CloudWatch revised one of them.
    store.put("k", new long[] {T0 + 60, T0 + 120, T0 + 180}, new double[] {2, 3.5, 4});

    Points p = store.since("k", 0);
    assertThat(p.epochSeconds()).containsExactly(T0, T0 + 60, T0 + 120, T0 + 180);
    assertThat(p.values()).containsExactly(1, 2, 3.5, 4);
  }

  @Test
  void dropsTheOldestWhenRetentionIsFull() {
    for (int i = 0; i < 8; i++) {
      store.put("k", new long[] {T0 + 60L * i}, new double[] {i});
    }

    Points p = store.since("k", 0);
    assertThat(p.values()).containsExactly(3, 4, 5, 6, 7);
    assertThat(store.valueAt("k", T0 + 60L * 7)).isEqualTo(7);
    assertThat(store.valueAt("k", T0)).isNaN();
  }

  @Test
  void aLatePointIsInsertedInOrder() {
    store.put("k", new long[] {T0, T0 + 120}, new double[] {1, 3});
    store.put("k", new long[] {T0 + 60}, new double[] {2});

    assertThat(store.since("k", 0).values()).containsExactly(1, 2, 3);
  }

  @Test
  void freshnessMarksFailedAndOldDataStale() {
    Freshness f = new Freshness(Duration.ofMinutes(12));
    Instant now = Instant.ofEpochSecond(T0);

    assertThat(f.isStale("prod", now)).as("never polled").isTrue();
    f.succeeded("prod", now);
    assertThat(f.isStale("prod", now.plusSeconds(60))).isFalse();
    assertThat(f.isStale("prod", now.plus(Duration.ofMinutes(13)))).as("too old").isTrue();
    f.failed("prod", now.plusSeconds(300), "Throttling");
    assertThat(f.isStale("prod", now.plusSeconds(300))).isTrue();
    assertThat(f.of("prod").lastSuccess()).contains(now);
    f.succeeded("prod", now.plusSeconds(600));
    assertThat(f.isStale("prod", now.plusSeconds(600))).isFalse();
  }
}
