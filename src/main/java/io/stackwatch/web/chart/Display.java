package io.stackwatch.web.chart;

import io.stackwatch.series.Unit;
import java.time.Duration;
import java.time.Instant;

/** How values and ages read on a page: unit-aware, short, never more precise than useful. */
public final class Display {

  private Display() {}

  public static String value(double v, Unit unit) {
    return unit.format(v);
  }

  public static String number(double v) {
    return Unit.number(v);
  }

  /** Age such as {@code 42 s ago}, {@code 3 min ago}, {@code 2 h ago}. */
  public static String age(Instant at, Instant now) {
    long s = Math.max(0, Duration.between(at, now).getSeconds());
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 7200) {
      return s / 60 + " min ago";
    }
    if (s < 172800) {
      return s / 3600 + " h ago";
    }
    return s / 86400 + " days ago";
  }
}
