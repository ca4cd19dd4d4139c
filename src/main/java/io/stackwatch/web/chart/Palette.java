package io.stackwatch.web.chart;

import java.util.regex.Pattern;

/**
 * One colour meaning across every panel, drawn server-side and in the browser alike: errors in the
 * red family, warnings (4xx, throttles, misses) amber, traffic blue; other series take the
 * remaining colours in turn. A series that shadows another (desired tasks beside running ones, a
 * limit) is dashed, so two lines that coincide stay distinguishable.
 */
public final class Palette {

  /** Stylesheet colour indexes ({@code s0} .. {@code s5}). */
  public static final int BLUE = 0;

  public static final int RED = 1;
  public static final int AMBER = 4;
  private static final int[] OTHERS = {2, 3, 5, 0};

  private static final Pattern ERRORS =
      Pattern.compile("5xx|error|fault|failed|dlq|dead|eviction|unhealthy|refused");
  private static final Pattern WARNINGS = Pattern.compile("4xx|throttle|miss|warn|oldest|age");
  private static final Pattern TRAFFIC =
      Pattern.compile("request|invocation|count|hits|bytes|traffic|sent|received");
  private static final Pattern SHADOW = Pattern.compile("desired|target|limit|allocated|budget");

  private Palette() {}

  /** The colour of a series by what it counts; {@code index} picks among the rest. */
  public static int colour(String seriesId, int index) {
    String id = seriesId.toLowerCase(java.util.Locale.ROOT);
    if (ERRORS.matcher(id).find()) {
      return RED;
    }
    if (WARNINGS.matcher(id).find()) {
      return AMBER;
    }
    if (TRAFFIC.matcher(id).find()) {
      return BLUE;
    }
    return OTHERS[Math.floorMod(index, OTHERS.length)];
  }

  /** Whether the series is drawn dashed: one that stands beside another as its reference. */
  public static boolean dashed(String seriesId) {
    return SHADOW.matcher(seriesId.toLowerCase(java.util.Locale.ROOT)).find();
  }
}
