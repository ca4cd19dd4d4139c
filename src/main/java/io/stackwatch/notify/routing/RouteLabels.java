package io.stackwatch.notify.routing;

import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Severity;
import java.util.List;

/**
 * What routes match on: an alarm's environment, severity, category and id.
 *
 * @param environment such as {@code prod}
 * @param severity as the rule gives it in that environment
 * @param category health, cost or maintenance
 * @param alarm the alarm's id in its environment, such as {@code sqs-dlq-not-empty:jobs-failed}
 */
public record RouteLabels(String environment, Severity severity, Category category, String alarm) {

  /** The labels a route may match on, as written in {@code match} and {@code match-re}. */
  public static final List<String> NAMES = List.of("environment", "severity", "category", "alarm");

  /** A label's value as written in a route: {@code critical}, {@code cost}. */
  public String get(String label) {
    return switch (label) {
      case "environment" -> environment;
      case "severity" -> severity.yamlName();
      case "category" -> category.key();
      case "alarm" -> alarm;
      default -> "";
    };
  }
}
