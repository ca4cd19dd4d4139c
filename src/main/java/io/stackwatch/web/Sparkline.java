package io.stackwatch.web;

import io.stackwatch.store.Points;

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
    // At most one point every two pixels: more would not show, only weigh on the page.
    int step = (int) Math.ceil(p.size() / (WIDTH / 2));
    StringBuilder b = new StringBuilder(p.size() / step * 12);
    for (int i = (p.size() - 1) % step; i < p.size(); i += step) {
      double x = (p.epochSeconds()[i] - fromEpochSeconds) / duration * WIDTH;
      // One pixel of margin so a flat line at the top or bottom stays visible.
      double y = 1 + (HEIGHT - 2) * (1 - (p.values()[i] - min) / span);
      if (b.length() > 0) {
        b.append(' ');
      }
      tenths(b, x).append(',');
      tenths(b, y);
    }
    return new Sparkline(b.toString(), WIDTH, HEIGHT);
  }

  /** A non-negative coordinate to one decimal; String.format is too slow for thousands a page. */
  private static StringBuilder tenths(StringBuilder b, double v) {
    long t = Math.round(Math.max(0, v) * 10);
    return b.append(t / 10).append('.').append(t % 10);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }
}
