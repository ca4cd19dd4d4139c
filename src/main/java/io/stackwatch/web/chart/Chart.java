package io.stackwatch.web.chart;

import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.series.Points;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server-drawn SVG line chart of a panel: a time axis, value labels in the panel's unit, one line
 * per series, and alarm thresholds as dashed lines. Only numbers and fixed class names reach the
 * SVG; titles are escaped by the template.
 */
public record Chart(
    List<Line> lines,
    List<Tick> yTicks,
    List<Tick> xTicks,
    List<Rule> thresholds,
    boolean area,
    String summary,
    String offScale) {

  static final int WIDTH = 600;
  static final int HEIGHT = 200;
  static final int LEFT = 104;
  static final int RIGHT = 28;
  static final int TOP = 10;
  static final int BOTTOM = 28;

  /** Distinct line colours in the stylesheet (s0 .. s5). */
  public static final int COLOURS = 6;

  private static final DateTimeFormatter HOUR_MINUTE =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The time zone of the time axis, named on it. */
  public static final String ZONE = "UTC";

  /** Steps of a time axis, in seconds: minutes, hours, days, weeks, months. */
  private static final long[] TIME_STEPS = {
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
    1_209_600, 2_592_000, 7_776_000
  };

  /** The step giving at most five ticks over a span. */
  static long timeStep(long span) {
    for (long step : TIME_STEPS) {
      if (span / step <= 5) {
        return step;
      }
    }
    return TIME_STEPS[TIME_STEPS.length - 1];
  }

  /**
   * The round step at least {@code rough}: 1, 2 or 5 times a power of ten, or for bytes of a power
   * of 1,024 (1, 2, 5, 10, 20, 50, 100, 200, 500 KB, MB, ...).
   */
  static double niceStep(double rough, boolean bytes) {
    if (!(rough > 0)) {
      return 1;
    }
    double base = 1;
    if (bytes) {
      while (rough / base >= 1024 * 0.999) {
        base *= 1024;
      }
      rough /= base;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough * 0.999999) {
        return m * power * base;
      }
    }
    return 10 * power * base;
  }

  public String zone() {
    return ZONE;
  }

  /** One series as drawn: its points, and its fill down to the axis for an area chart. */
  public record Line(String title, int colour, String points, String fill) {}

  /** A labelled position on an axis. */
  public record Tick(String x, String y, String label) {}

  /** A horizontal threshold line with its label; {@code severity} is a class name. */
  public record Rule(String y, String labelY, String label, String severity) {}

  /** An input line: its title, points and colour. */
  public record Input(String title, Points points, int colour) {}

  /** A threshold of an alarm bound to the panel's series. */
  public record Threshold(double value, String label, String severity) {}

  public int width() {
    return WIDTH;
  }

  public int height() {
    return HEIGHT;
  }

  /** Where the plot starts, right of the value labels. */
  public int plotLeft() {
    return LEFT;
  }

  /** Where the plot ends. */
  public int plotRight() {
    return WIDTH - RIGHT;
  }

  public boolean isEmpty() {
    return lines.stream().allMatch(l -> l.points().isEmpty());
  }

  public static Chart of(
      List<Input> inputs,
      List<Threshold> thresholds,
      PanelUnit unit,
      long from,
      long to,
      boolean area) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Input in : inputs) {
      for (double v : in.points().values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    boolean any = min <= max;
    if (!any) {
      min = 0;
      max = 1;
    }
    // A threshold far above the data would flatten it: such a one is named, not drawn.
    List<Threshold> drawn = new ArrayList<>();
    List<String> off = new ArrayList<>();
    for (Threshold t : thresholds) {
      if (!any || t.value() <= Math.max(max, 1e-9) * 3 && t.value() >= Math.min(min, 0)) {
        drawn.add(t);
        max = Math.max(max, t.value());
        min = Math.min(min, t.value());
      } else {
        off.add(t.label() + " at " + unit.format(t.value()));
      }
    }
    // Round ticks in the unit, 1-2-5 steps; a ratio stops at 100 % unless the data passes it.
    double lo = min >= 0 ? 0 : min;
    double top = max <= lo ? lo + 1 : max * 1.08;
    if (unit == PanelUnit.PERCENT && max <= 100) {
      top = Math.min(top, 100);
    }
    double step = niceStep((top - lo) / 4, unit == PanelUnit.BYTES);
    lo = Math.floor(lo / step) * step;
    double hi = Math.ceil(top / step - 1e-9) * step;
    Scale s = new Scale(from, Math.max(from + 1, to), lo, hi);
    List<Line> lines = new ArrayList<>();
    for (Input in : inputs) {
      String pts = s.polyline(in.points());
      String fill =
          area && !pts.isEmpty()
              ? s.x(in.points().epochSeconds()[0])
                  + ","
                  + s.y(lo)
                  + " "
                  + pts
                  + " "
                  + s.x(in.points().epochSeconds()[in.points().size() - 1])
                  + ","
                  + s.y(lo)
              : "";
      lines.add(new Line(in.title(), in.colour() % COLOURS, pts, fill));
    }
    List<Tick> yTicks = new ArrayList<>();
    for (double v = lo; v <= hi + step / 1e6; v += step) {
      yTicks.add(new Tick(fmt(LEFT - 6), s.y(v), unit.format(Math.abs(v) < step / 1e6 ? 0 : v)));
    }
    List<Tick> xTicks = new ArrayList<>();
    long timeStep = timeStep(to - from);
    boolean days =
        !DAY.format(Instant.ofEpochSecond(from)).equals(DAY.format(Instant.ofEpochSecond(to)));
    for (long t = Math.floorDiv(from, timeStep) * timeStep + timeStep; t <= to; t += timeStep) {
      if (t < from) {
        continue;
      }
      Instant at = Instant.ofEpochSecond(t);
      // Dates where a day begins (or on every tick of a range of days), times in between.
      String label =
          timeStep >= 86_400 || (days && t % 86_400 == 0) ? DAY.format(at) : HOUR_MINUTE.format(at);
      xTicks.add(new Tick(s.x(t), fmt(HEIGHT - 6), label));
    }
    List<Rule> rules = new ArrayList<>();
    for (Threshold t : drawn) {
      String y = s.y(t.value());
      rules.add(new Rule(y, fmt(Double.parseDouble(y) - 3), ruleLabel(t, unit), t.severity()));
    }
    return new Chart(
        lines,
        yTicks,
        xTicks,
        rules,
        area,
        summary(inputs, unit),
        off.isEmpty() ? "" : "Off the scale: " + String.join("; ", off) + ".");
  }

  /**
   * A threshold's label, its value said once: "alarm: DB CPU high 80 %", but a rule whose title
   * already names the value ("DB CPU above 80 %") is not followed by it again.
   */
  public static String ruleLabel(Threshold t, PanelUnit unit) {
    String value = unit.format(t.value());
    return t.label().contains(value) ? t.label() : t.label() + " " + value;
  }

  /** Latest, min and max of each line, the chart's text alternative. */
  private static String summary(List<Input> inputs, PanelUnit unit) {
    List<String> parts = new ArrayList<>();
    for (Input in : inputs) {
      Points p = in.points();
      if (p.isEmpty()) {
        parts.add(in.title() + ": no data");
        continue;
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : p.values()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      parts.add(
          in.title()
              + ": latest "
              + unit.format(p.values()[p.size() - 1])
              + ", min "
              + unit.format(lo)
              + ", max "
              + unit.format(hi));
    }
    return String.join("; ", parts);
  }

  /** Maps times and values into the plot area. */
  private record Scale(long from, long to, double lo, double hi) {

    String x(long t) {
      return fmt(LEFT + (double) (t - from) / (to - from) * (WIDTH - LEFT - RIGHT));
    }

    String y(double v) {
      return fmt(TOP + (1 - (v - lo) / (hi - lo)) * (HEIGHT - TOP - BOTTOM));
    }

    String polyline(Points p) {
      StringBuilder b = new StringBuilder(p.size() * 12);
      // At most one point every three units: a chart is drawn some 350 pixels wide on a laptop,
      // so more would not show, only weigh on the page.
      int step = (int) Math.ceil(p.size() / ((WIDTH - LEFT - RIGHT) / 3.0));
      for (int i = (p.size() - 1) % Math.max(step, 1); i < p.size(); i += Math.max(step, 1)) {
        if (p.epochSeconds()[i] < from) {
          continue;
        }
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(x(p.epochSeconds()[i])).append(',').append(y(p.values()[i]));
      }
      return b.toString();
    }
  }

  private static String fmt(double v) {
    long t = Math.round(v * 10);
    return (t < 0 ? "-" : "") + Math.abs(t) / 10 + "." + Math.abs(t) % 10;
  }
}
