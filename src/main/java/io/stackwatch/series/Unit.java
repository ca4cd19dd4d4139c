package io.stackwatch.series;

import java.util.Locale;

/** The unit of a series' values, as CloudWatch reports them. */
public enum Unit {
  PERCENT,
  COUNT,
  SECONDS,
  MILLISECONDS,
  BYTES;

  /** The unit as data files write it: {@code percent}, {@code count}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A value as a person reads it, such as {@code 91 %}, {@code 1.2 s} or {@code 3.5 GB}: in the
   * unit, short, never more precise than useful. Pages and alert summaries show values alike.
   */
  public String format(double v) {
    if (Double.isNaN(v)) {
      return "no data";
    }
    return switch (this) {
      case PERCENT -> number(v) + " %";
      case MILLISECONDS -> v >= 1000 ? number(v / 1000) + " s" : number(v) + " ms";
      case SECONDS -> v < 1 ? number(v * 1000) + " ms" : number(v) + " s";
      case BYTES -> bytes(v);
      case COUNT -> number(v);
    };
  }

  /** A plain number: whole above 100, one decimal above 10, two below. */
  public static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String bytes(double v) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return number(v) + " " + units[i];
  }
}
