package io.stackwatch.web;

import io.stackwatch.store.Points;
import java.util.Locale;

/**
 * A server-drawn SVG sparkline: the polyline points of a series scaled into a fixed box. Only
 * numbers reach the page, so nothing in it needs escaping.
 */
record Sparkline(String points, double width, double height) {

  static final double WIDTH = 160;
  static final double HEIGHT = 32;

  static Sparkline of(Points p, long fromEpochSeconds, long toEpochSeconds) {
    if (p.isEmpty()) {
      return new Sparkline("", WIDTH, HEIGHT);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : p.values()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double span = max - min == 0 ? 1 : max - min;
    double duration = Math.max(1, toEpochSeconds - fromEpochSeconds);
    StringBuilder b = new StringBuilder(p.size() * 12);
    for (int i = 0; i < p.size(); i++) {
      double x = (p.epochSeconds()[i] - fromEpochSeconds) / duration * WIDTH;
      // One pixel of margin so a flat line at the top or bottom stays visible.
      double y = 1 + (HEIGHT - 2) * (1 - (p.values()[i] - min) / span);
      b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return new Sparkline(b.toString().trim(), WIDTH, HEIGHT);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }
}
