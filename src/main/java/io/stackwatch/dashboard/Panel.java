package io.stackwatch.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One panel of a dashboard, as written in a file under {@code dashboards/}.
 *
 * @param id unique on its page, kebab-case
 * @param title what it shows
 * @param description optional sentence under the title
 * @param series the series ids or patterns ({@code lambda.*.errors}) it draws, one line each; empty
 *     with an expression or for a budget panel
 * @param expression metric math it draws instead of series
 * @param expr the metric math as written, empty without
 * @param unit its unit; by default that of its first series
 * @param kind how it is drawn
 * @param levels thresholds that colour its value
 * @param environments where it is shown; empty for every environment
 * @param refresh how fresh its series must be; empty for the slow refresh
 */
public record Panel(
    String id,
    String title,
    String description,
    List<String> series,
    Optional<Expression> expression,
    String expr,
    Optional<PanelUnit> unit,
    ChartKind kind,
    Optional<Levels> levels,
    Set<String> environments,
    Optional<Duration> refresh) {

  public Panel {
    series = List.copyOf(series);
    environments = Set.copyOf(environments);
  }

  public boolean appliesTo(String environment) {
    return environments.isEmpty() || environments.contains(environment);
  }

  /** The series ids and patterns it reads. */
  public List<String> references() {
    return expression.map(Expression::references).orElse(series);
  }

  /** Whether a series id matches a pattern: {@code *} stands for any run of characters. */
  public static boolean matches(String pattern, String id) {
    if (pattern.indexOf('*') < 0) {
      return pattern.equals(id);
    }
    String[] parts = pattern.split("\\*", -1);
    if (!id.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = id.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return id.length() - last.length() >= at && id.endsWith(last);
  }
}
