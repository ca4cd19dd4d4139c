package io.stackwatch.dashboard;

import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a panel reads in one environment: the series its references match, and the points of its
 * metric math. The overview's key numbers and the environment page's charts both read panels so.
 */
public final class PanelData {

  private PanelData() {}

  /** The series of a plan any of the patterns match, in pattern order, each once. */
  public static List<Series> matching(SeriesPlan plan, List<String> patterns) {
    Map<String, Series> found = new LinkedHashMap<>();
    List<Series> all = plan.all();
    for (String pattern : patterns) {
      for (Series s : all) {
        if (Panel.matches(pattern, s.id())) {
          found.putIfAbsent(s.id(), s);
        }
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * The points of a panel's metric math.
   *
   * @param history the stored points of a series over the window the caller wants
   * @throws java.util.NoSuchElementException for a panel without an expression
   */
  public static Points expression(Panel p, SeriesPlan plan, Function<Series, Points> history) {
    return expression(p.expression().orElseThrow(), plan, history);
  }

  /** The points of metric math over the series of a plan its references match. */
  public static Points expression(
      Expression expression, SeriesPlan plan, Function<Series, Points> history) {
    Map<String, List<Points>> byRef = new HashMap<>();
    for (String ref : expression.references()) {
      byRef.put(ref, matching(plan, List.of(ref)).stream().map(history).toList());
    }
    return MetricMath.evaluate(expression, byRef);
  }
}
