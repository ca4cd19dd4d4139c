package io.stackwatch.notify.routing;

import java.util.regex.Pattern;

/**
 * One condition of a route on a label of the alarm, as Alertmanager's {@code match} (equality) and
 * {@code match_re} (a regular expression anchored at both ends).
 *
 * @param label {@code environment}, {@code severity}, {@code category} or {@code alarm}
 * @param value the value, or the expression as written
 * @param regex whether {@code value} is a regular expression
 */
public record Matcher(String label, String value, boolean regex) {

  /** Equality: the label is exactly the value. */
  public static Matcher equal(String label, String value) {
    return new Matcher(label, value, false);
  }

  /**
   * A regular expression the whole label must match.
   *
   * @throws java.util.regex.PatternSyntaxException when it does not compile
   */
  public static Matcher regex(String label, String expression) {
    Pattern.compile(expression);
    return new Matcher(label, expression, true);
  }

  /** Whether the alarm's labels satisfy it; a label the alarm lacks is the empty text. */
  public boolean matches(RouteLabels labels) {
    String actual = labels.get(label);
    return regex ? Pattern.matches("(?:" + value + ")", actual) : value.equals(actual);
  }

  /** As Alertmanager writes it: {@code category="cost"}, {@code environment=~"prod|staging"}. */
  @Override
  public String toString() {
    return label + (regex ? "=~" : "=") + "\"" + value + "\"";
  }
}
