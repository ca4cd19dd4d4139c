package io.stackwatch.export;

import io.stackwatch.series.MetricStat;
import java.util.Locale;

/**
 * Prometheus names as yet-another-cloudwatch-exporter gives them, so dashboards and rules built for
 * it work unchanged: {@code aws_<namespace>_<metric>_<statistic>} in snake case ({@code
 * aws_rds_cpuutilization_average}), dimensions as {@code dimension_<Name>} labels.
 */
final class YaceNames {

  private YaceNames() {}

  static String metricName(MetricStat s) {
    String ns = snake(s.namespace().toLowerCase(Locale.ROOT));
    if (ns.startsWith("_")) {
      ns = ns.substring(1);
    }
    StringBuilder name = new StringBuilder();
    if (!ns.startsWith("aws")) {
      name.append("aws_");
    }
    name.append(ns).append('_');
    String metric = snake(s.metricName());
    // A metric named after its namespace loses the repeated words, as in the exporter.
    for (String part : ns.split("_")) {
      if (metric.startsWith(part)) {
        metric = metric.substring(part.length());
      }
    }
    if (metric.startsWith("_")) {
      metric = metric.substring(1);
    }
    return name.append(metric).append('_').append(snake(s.stat())).toString();
  }

  static String dimensionLabel(String dimension) {
    StringBuilder b = new StringBuilder("dimension_");
    for (char c : dimension.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
    }
    return b.toString();
  }

  /**
   * Lower snake case: separators become underscores, a capital after a lower or digit starts a
   * word.
   */
  static String snake(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    char prev = 0;
    for (char c : text.toCharArray()) {
      switch (c) {
        case ' ', ',', '\t', '/', '\\', '.', '-', ':', '=', '@', '<', '>', '(', ')' ->
            b.append('_');
        case '%' -> b.append("_percent");
        default -> {
          if (Character.isUpperCase(c)
              && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
            b.append('_');
          }
          b.append(Character.toLowerCase(c));
        }
      }
      prev = c;
    }
    return b.toString();
  }
}
