package io.stackwatch.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each statistic's rollup against values worked out by hand, a partial hour included. */
@Tag("plain")
class RollupTest {

  static final long H = 1_764_158_400L; // 2025-11-26T12:00:00Z, an hour boundary

  /** Ten minutes: 12:00-12:04 full, 12:05-12:09 with 12:07 and 12:08 missing. */
  static final WeightedPoints MINUTES =
      new WeightedPoints(
          new long[] {H, H + 60, H + 120, H + 180, H + 240, H + 300, H + 360, H + 540},
          new double[] {10, 20, 30, 40, 50, 6, 9, 3},
          new int[] {1, 1, 1, 1, 1, 1, 1, 1});

  @Test
  void averagesOfFiveMinutesWeighTheMinutesTheyHold() {
    WeightedPoints five = Rollup.AVERAGE.apply(MINUTES, 300);

    assertThat(five.epochSeconds()).containsExactly(H, H + 300);
    // (10+20+30+40+50)/5 = 30; (6+9+3)/3 = 6 over three minutes, not five.
    assertThat(five.values()).containsExactly(30.0, 6.0);
    assertThat(five.minutes()).containsExactly(5, 3);

    // The hour of those 8 minutes: (30*5 + 6*3) / 8 = 168/8 = 21, not (30+6)/2 = 18.
    WeightedPoints hour = Rollup.AVERAGE.apply(five, 3600);
    assertThat(hour.epochSeconds()).containsExactly(H);
    assertThat(hour.values()[0]).isCloseTo(21.0, within(1e-12));
    assertThat(hour.minutes()).containsExactly(8);
  }

  @Test
  void sumsAddMaximaAndMinimaKeepTheExtremes() {
    assertThat(Rollup.SUM.apply(MINUTES, 300).values()).containsExactly(150.0, 18.0);
    assertThat(Rollup.SUM.apply(Rollup.SUM.apply(MINUTES, 300), 3600).values())
        .containsExactly(168.0);
    assertThat(Rollup.MAXIMUM.apply(MINUTES, 300).values()).containsExactly(50.0, 9.0);
    assertThat(Rollup.MAXIMUM.apply(MINUTES, 3600).values()).containsExactly(50.0);
    assertThat(Rollup.MINIMUM.apply(MINUTES, 300).values()).containsExactly(10.0, 3.0);
    assertThat(Rollup.MINIMUM.apply(MINUTES, 3600).values()).containsExactly(3.0);
  }

  @Test
  void aPartialHourCarriesOnlyTheMinutesItHas() {
    // 12:20 to 12:59 at 1-minute, value = minute of the hour: a poll that started at 12:20.
    int n = 40;
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = H + 60L * (20 + i);
      v[i] = 20 + i;
      w[i] = 1;
    }
    WeightedPoints partial = new WeightedPoints(t, v, w);
    WeightedPoints five = Rollup.AVERAGE.apply(partial, 300);
    assertThat(five.size()).isEqualTo(8); // 12:20 .. 12:55
    assertThat(five.values()[0]).isEqualTo(22.0); // (20+21+22+23+24)/5
    WeightedPoints hour = Rollup.AVERAGE.apply(five, 3600);
    // (20+...+59)/40 = 39.5, over 40 minutes.
    assertThat(hour.values()[0]).isCloseTo(39.5, within(1e-12));
    assertThat(hour.minutes()).containsExactly(40);
    // A sum of the partial hour is the sum of what is there: 20+...+59 = 1580.
    assertThat(Rollup.SUM.apply(partial, 3600).values()).containsExactly(1580.0);

    // The hour's other 20 minutes come late (a series read every 15 minutes), at 0..19:
    // the hour again from all 60 is (0+...+59)/60 = 29.5.
    long[] early = new long[20];
    double[] ev = new double[20];
    int[] ew = new int[20];
    for (int i = 0; i < 20; i++) {
      early[i] = H + 60L * i;
      ev[i] = i;
      ew[i] = 1;
    }
    WeightedPoints whole = new WeightedPoints(early, ev, ew).append(partial);
    assertThat(Rollup.AVERAGE.apply(Rollup.AVERAGE.apply(whole, 300), 3600).values()[0])
        .isCloseTo(29.5, within(1e-12));
  }

  @Test
  void statisticsRollUpByTheirMeaningAndPercentilesDoNot() {
    assertThat(Rollup.of("Average")).isEqualTo(Rollup.AVERAGE);
    assertThat(Rollup.of("Sum")).isEqualTo(Rollup.SUM);
    assertThat(Rollup.of("SampleCount")).isEqualTo(Rollup.SUM);
    assertThat(Rollup.of("Maximum")).isEqualTo(Rollup.MAXIMUM);
    assertThat(Rollup.of("Minimum")).isEqualTo(Rollup.MINIMUM);
    assertThat(Rollup.of("p99")).isEqualTo(Rollup.NONE);
    assertThat(Rollup.NONE.rollsUp()).isFalse();
    assertThatThrownBy(() -> Rollup.NONE.apply(MINUTES, 300))
        .hasMessageContaining("percentile cannot be rolled up");
  }
}
