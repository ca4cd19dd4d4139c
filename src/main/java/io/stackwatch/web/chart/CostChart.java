package io.stackwatch.web.chart;

import io.stackwatch.cost.CostSummary.DailyCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server-drawn bar chart of a month's daily cost: one bar per day, today (not priced yet),
 * estimated days and anomalies told apart by class (and in the text alternative), the average day
 * as a line.
 */
public record CostChart(List<Bar> bars, double width, double height, String summary) {

  static final double WIDTH = 310;
  static final double HEIGHT = 60;

  /** One day's bar; only numbers and fixed class names reach the page. */
  public record Bar(String x, String y, String w, String h, String cssClass, String label) {}

  public static CostChart of(List<DailyCost> days, int daysInMonth) {
    double max = days.stream().mapToDouble(d -> d.amount().doubleValue()).max().orElse(0);
    double slot = WIDTH / Math.max(daysInMonth, 1);
    List<Bar> bars = new ArrayList<>();
    for (DailyCost d : days) {
      double h = max == 0 ? 0 : (HEIGHT - 2) * d.amount().doubleValue() / max;
      String css =
          d.anomaly()
              ? "anomaly"
              : switch (d.priced()) {
                case NOT_YET -> "pending";
                case ESTIMATED -> "estimated";
                case FINAL -> "actual";
              };
      bars.add(
          new Bar(
              fmt((d.day().getDayOfMonth() - 1) * slot + 1),
              fmt(HEIGHT - h),
              fmt(Math.max(1, slot - 2)),
              fmt(h),
              css,
              d.day()
                  + ": $"
                  + Display.number(d.amount().doubleValue())
                  + switch (d.priced()) {
                    case NOT_YET -> " (not priced yet)";
                    case ESTIMATED -> " (estimated)";
                    case FINAL -> "";
                  }
                  + (d.anomaly() ? " (anomaly)" : "")));
    }
    String summary =
        days.isEmpty()
            ? "no cost data yet"
            : days.size()
                + " days, highest $"
                + Display.number(max)
                + days.stream()
                    .filter(DailyCost::anomaly)
                    .map(d -> ", anomaly on " + d.day())
                    .reduce("", String::concat);
    return new CostChart(bars, WIDTH, HEIGHT, summary);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
