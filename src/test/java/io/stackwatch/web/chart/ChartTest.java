package io.stackwatch.web.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.series.Points;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The server-drawn chart's axes: round ticks in the unit, dates past midnight, the zone named. */
@Tag("plain")
class ChartTest {

  static final long MIDNIGHT = 1_764_115_200L; // 2025-11-26T00:00:00Z

  static Chart chart(PanelUnit unit, long from, long to, double... values) {
    long[] t = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      t[i] = from + (to - from) * i / Math.max(1, values.length - 1);
    }
    return Chart.of(
        List.of(new Chart.Input("a", new Points(t, values), 0)), List.of(), unit, from, to, false);
  }

  static List<String> y(Chart c) {
    return c.yTicks().stream().map(Chart.Tick::label).toList();
  }

  static List<String> x(Chart c) {
    return c.xTicks().stream().map(Chart.Tick::label).toList();
  }

  @Test
  void valueTicksAreRoundStepsOfOneTwoOrFiveInTheUnit() {
    assertThat(y(chart(PanelUnit.COUNT, 0, 3600, 1200, 3467)))
        .containsExactly("0", "1,000", "2,000", "3,000", "4,000");
    assertThat(y(chart(PanelUnit.COUNT, 0, 3600, 0.2, 1.44)))
        .containsExactly("0", "0.50", "1", "1.50", "2");
    assertThat(y(chart(PanelUnit.MILLISECONDS, 0, 3600, 120, 340)))
        .containsExactly("0 ms", "100 ms", "200 ms", "300 ms", "400 ms");
    // Bytes step by powers of 1,024: 2 GB, not 2.1 billion bytes.
    assertThat(y(chart(PanelUnit.BYTES, 0, 3600, 3.0 * (1L << 30), 5.5 * (1L << 30))))
        .containsExactly("0 B", "2 GB", "4 GB", "6 GB");
  }

  @Test
  void aRatioAxisStopsAt100PercentUnlessTheDataPassesIt() {
    assertThat(y(chart(PanelUnit.PERCENT, 0, 3600, 40, 97))).last().isEqualTo("100 %");
    assertThat(y(chart(PanelUnit.PERCENT, 0, 3600, 40, 130))).last().isEqualTo("150 %");
  }

  @Test
  void aTimeAxisPastMidnightSaysTheDateAndNamesTheZone() {
    Chart day = chart(PanelUnit.PERCENT, MIDNIGHT - 12 * 3600 - 1200, MIDNIGHT + 12 * 3600, 1, 2);
    assertThat(x(day)).containsExactly("12:00", "18:00", "26 Nov", "06:00", "12:00");
    Chart hour = chart(PanelUnit.PERCENT, MIDNIGHT + 600, MIDNIGHT + 4200, 1, 2);
    assertThat(x(hour)).containsExactly("00:15", "00:30", "00:45", "01:00");
    Chart week = chart(PanelUnit.PERCENT, MIDNIGHT - 7 * 86_400, MIDNIGHT, 1, 2);
    assertThat(x(week)).containsExactly("20 Nov", "22 Nov", "24 Nov", "26 Nov");
    assertThat(day.zone()).isEqualTo("UTC");
  }
}
