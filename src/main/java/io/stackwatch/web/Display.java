package io.stackwatch.web;

import io.stackwatch.cloudwatch.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How values and ages read on a page: unit-aware, short, never more precise than useful. */
final class Display {

  private Display() {}

  static String value(double v, Unit unit) {
    if (Double.isNaN(v)) {
      return "no data";
    }
    return switch (unit) {
      case PERCENT -> number(v) + " %";
      case MILLISECONDS -> v >= 1000 ? number(v / 1000) + " s" : number(v) + " ms";
      case SECONDS -> v < 1 ? number(v * 1000) + " ms" : number(v) + " s";
      case BYTES -> bytes(v);
      case COUNT -> number(v);
    };
  }

  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String bytes(double v) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return number(v) + " " + units[i];
  }

  /** Age such as {@code 42 s ago}, {@code 3 min ago}, {@code 2 h ago}. */
  static String age(Instant at, Instant now) {
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
