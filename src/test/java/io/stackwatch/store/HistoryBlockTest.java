package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class HistoryBlockTest {

  static final long DAY = 1_764_115_200L; // 2025-11-26T00:00:00Z, a Wednesday

  @Test
  void minutePointsComeBackExactly() {
    long hour = Tier.MINUTE.blockStart(DAY + 7200);
    WeightedPoints p =
        new WeightedPoints(
            new long[] {hour, hour + 60, hour + 3540},
            new double[] {0.1 + 0.2, 1.0536795960E10, -3},
            new int[] {1, 1, 1});
    byte[] data = HistoryBlock.encode(Tier.MINUTE, hour, p);
    WeightedPoints back = HistoryBlock.decode(Tier.MINUTE, hour, data);
    assertThat(back.epochSeconds()).containsExactly(p.epochSeconds());
    assertThat(back.values()).containsExactly(p.values());
    assertThat(back.minutes()).containsExactly(1, 1, 1);
    // version, 45 bytes of bitmap (360 minutes), the way values are written, no partial weights,
    // then the codes: 7 bits of width, 64 bits for each (three unrelated doubles share no bits
    // worth a narrower width) and a byte saying no code is wider: 207 bits in 26 bytes.
    assertThat(data).hasSize(1 + 45 + 1 + 1 + 26);
  }

  @Test
  void coarserPointsKeepFiveDigitsInTwelveBitsAndTheirPartialWeights() {
    Tier tier = Tier.FIVE_MINUTES;
    long start = tier.blockStart(DAY);
    int n = tier.slots();
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = start + 300L * i;
      v[i] = 40 + 10 * Math.sin(i / 20.0);
      w[i] = i == 7 ? 3 : 5;
    }
    WeightedPoints p = new WeightedPoints(t, v, w);
    byte[] data = HistoryBlock.encode(tier, start, p);
    WeightedPoints back = HistoryBlock.decode(tier, start, data);
    assertThat(back.epochSeconds()).containsExactly(t);
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(back.values()[i] - v[i]) / v[i]).isLessThan(8e-6);
    }
    assertThat(back.minutes()[7]).isEqualTo(3);
    assertThat(back.minutes()[8]).isEqualTo(5);
    // A smooth week of 2,016 points: 12 bits a point, not the 64 a double takes.
    assertThat(data.length).isLessThan(n * 12 / 8 + n / 8 + 16);
  }

  @Test
  void wholeNumbersAreExactAndSmallAtEveryTier() {
    for (Tier tier : Tier.values()) {
      long start = tier.blockStart(DAY);
      int n = Math.min(60, tier.slots());
      long[] t = new long[n];
      double[] v = new double[n];
      int[] w = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = start + (long) tier.periodSeconds() * i;
        v[i] = i == 3 ? 4_503_599_627_370_000d : 1_000_000 + (i * 37) % 500; // requests an hour
        w[i] = tier.fullWeight();
      }
      WeightedPoints back =
          HistoryBlock.decode(
              tier, start, HistoryBlock.encode(tier, start, new WeightedPoints(t, v, w)));
      assertThat(back.values()).as(tier.name()).containsExactly(v);
    }
    long start = Tier.HOUR.blockStart(DAY);
    long[] t = new long[168];
    double[] v = new double[168];
    int[] w = new int[168];
    for (int i = 0; i < 168; i++) {
      t[i] = start + 3600L * i;
      v[i] = 2_400 + (i * 37) % 200;
      w[i] = 60;
    }
    // A week of hourly counts moving by less than 200: 9 bits a point.
    assertThat(HistoryBlock.encode(Tier.HOUR, start, new WeightedPoints(t, v, w)).length)
        .isLessThan(168 * 9 / 8 + 84 + 16);
  }

  @Test
  void noisyMinutesShareTheirHighBitsAndAnOutlierDoesNotWidenTheRest() {
    long start = Tier.MINUTE.blockStart(DAY);
    int n = Tier.MINUTE.slots();
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      t[i] = start + 60L * i;
      v[i] = i == 100 ? 1e9 : 42 * (1 + 0.04 * (2 * random.nextDouble() - 1)); // CPU, one spike
      w[i] = 1;
    }
    byte[] data = HistoryBlock.encode(Tier.MINUTE, start, new WeightedPoints(t, v, w));
    assertThat(HistoryBlock.decode(Tier.MINUTE, start, data).values()).containsExactly(v);
    // Values within a few percent of each other share sign, exponent and their first mantissa
    // bits: fewer than 56 bits a point where a double takes 64, the spike and its way back among
    // the few codes written wider.
    assertThat(data.length).isLessThan(n * 56 / 8);
  }

  @Test
  void blocksWrittenBeforeThePackingAreStillRead() {
    HexFormat hex = HexFormat.of();
    // Version 1: version, bitmap, the way values are written, the values as bytes (doubles, or
    // varints of zigzagged differences), then the partial weights.
    long minute = Tier.MINUTE.blockStart(DAY + 7200);
    byte[] doubles =
        hex.parseHex(
            "01" + "03" + "00".repeat(44) + "01" + "3fd3333333333334c008000000000000" + "00");
    WeightedPoints m = HistoryBlock.decode(Tier.MINUTE, minute, doubles);
    assertThat(m.epochSeconds()).containsExactly(minute, minute + 60);
    assertThat(m.values()).containsExactly(0.1 + 0.2, -3);

    long week = Tier.FIVE_MINUTES.blockStart(DAY);
    byte[] rounded =
        hex.parseHex(
            "01" + "0b" + "00".repeat(251) + "02" + "80b0a208" + "8038" + "ff8701" + "010103");
    WeightedPoints f = HistoryBlock.decode(Tier.FIVE_MINUTES, week, rounded);
    assertThat(f.epochSeconds()).containsExactly(week, week + 300, week + 900);
    assertThat(f.values()).containsExactly(41.5, 43.25, 39);
    assertThat(f.minutes()).containsExactly(5, 3, 5);

    long month = Tier.HOUR.blockStart(DAY);
    byte[] whole = hex.parseHex("01" + "03" + "00".repeat(83) + "00" + "c0254a" + "00");
    assertThat(HistoryBlock.decode(Tier.HOUR, month, whole).values()).containsExactly(2400, 2437);
  }

  @Test
  void aPointOutsideItsBlockIsRefused() {
    long start = Tier.HOUR.blockStart(DAY);
    WeightedPoints p =
        new WeightedPoints(
            new long[] {start + Tier.HOUR.blockSeconds()}, new double[] {1}, new int[] {60});
    assertThatThrownBy(() -> HistoryBlock.encode(Tier.HOUR, start, p))
        .hasMessageContaining("is not a HOUR point of the block");
  }
}
