package io.stackwatch.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Metric math over the series of one environment, such as {@code 100 * api.5xx / api.requests} or
 * {@code sum(cache.*.hits)}: numbers, series ids, {@code + - * /}, parentheses, and {@code sum},
 * {@code avg}, {@code min}, {@code max} over every series a pattern matches ({@code *} any run of
 * characters). stackwatch evaluates it over stored points, point by point at the times every input
 * shares, as it computes its derived series; a point where it is undefined (a ratio of nothing) is
 * left out.
 */
public sealed interface Expression {

  /** A series id: a name, then dot-separated parts, such as {@code api.5xx}. */
  Pattern SERIES_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+");

  /**
   * A pattern inside an aggregation: ids with {@code *} and {@code -}, such as {@code
   * sqs.*-dlq.visible}.
   */
  Pattern SERIES_PATTERN = Pattern.compile("[A-Za-z0-9_.*-]+");

  /** The series ids and patterns it reads, in order of appearance. */
  List<String> references();

  /**
   * Its value at one time.
   *
   * @param values the values at that time of the series a reference matches, NaN where a series has
   *     no point then
   */
  double evaluate(Function<String, double[]> values);

  /**
   * Parses metric math.
   *
   * @throws IllegalArgumentException saying what is wrong and where
   */
  static Expression parse(String text) {
    Parser p = new Parser(text);
    Expression e = p.sum();
    p.skipSpaces();
    if (p.pos < text.length()) {
      throw p.error("unexpected \"" + text.charAt(p.pos) + "\"");
    }
    return e;
  }

  /** A number. */
  record Constant(double value) implements Expression {
    @Override
    public List<String> references() {
      return List.of();
    }

    @Override
    public double evaluate(Function<String, double[]> values) {
      return value;
    }
  }

  /** One series by id. */
  record Ref(String id) implements Expression {
    @Override
    public List<String> references() {
      return List.of(id);
    }

    @Override
    public double evaluate(Function<String, double[]> values) {
      double[] v = values.apply(id);
      return v.length == 1 ? v[0] : Double.NaN;
    }
  }

  /** {@code sum}, {@code avg}, {@code min} or {@code max} of every series a pattern matches. */
  record Aggregate(String function, String pattern) implements Expression {
    static final List<String> FUNCTIONS = List.of("sum", "avg", "min", "max");

    @Override
    public List<String> references() {
      return List.of(pattern);
    }

    @Override
    public double evaluate(Function<String, double[]> values) {
      double[] v = values.apply(pattern);
      if (v.length == 0) {
        return Double.NaN;
      }
      double acc =
          function.equals("min")
              ? Double.POSITIVE_INFINITY
              : function.equals("max") ? Double.NEGATIVE_INFINITY : 0;
      for (double x : v) {
        // NaN propagates: a time some input lacks is no point of the result.
        acc =
            switch (function) {
              case "min" -> Double.isNaN(x) ? x : Math.min(acc, x);
              case "max" -> Double.isNaN(x) ? x : Math.max(acc, x);
              default -> acc + x;
            };
        if (Double.isNaN(acc)) {
          return acc;
        }
      }
      return function.equals("avg") ? acc / v.length : acc;
    }
  }

  /** {@code -x}. */
  record Negate(Expression operand) implements Expression {
    @Override
    public List<String> references() {
      return operand.references();
    }

    @Override
    public double evaluate(Function<String, double[]> values) {
      return -operand.evaluate(values);
    }
  }

  /** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}; division by zero is undefined. */
  record Binary(char operator, Expression left, Expression right) implements Expression {
    @Override
    public List<String> references() {
      List<String> refs = new ArrayList<>(left.references());
      refs.addAll(right.references());
      return refs;
    }

    @Override
    public double evaluate(Function<String, double[]> values) {
      double a = left.evaluate(values);
      double b = right.evaluate(values);
      return switch (operator) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> b == 0 ? Double.NaN : a / b;
      };
    }
  }

  /** Recursive descent: sum := product (+|- product)*, product := factor (*|/ factor)*. */
  final class Parser {
    private final String text;
    private int pos;

    private Parser(String text) {
      this.text = text;
    }

    Expression sum() {
      Expression e = product();
      for (char c = peek(); c == '+' || c == '-'; c = peek()) {
        pos++;
        e = new Binary(c, e, product());
      }
      return e;
    }

    private Expression product() {
      Expression e = factor();
      for (char c = peek(); c == '*' || c == '/'; c = peek()) {
        pos++;
        e = new Binary(c, e, factor());
      }
      return e;
    }

    private Expression factor() {
      char c = peek();
      if (c == '-') {
        pos++;
        return new Negate(factor());
      }
      if (c == '(') {
        pos++;
        Expression e = sum();
        expect(')');
        return e;
      }
      if (Character.isDigit(c) || c == '.') {
        int start = pos;
        while (pos < text.length()
            && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
          pos++;
        }
        String number = text.substring(start, pos);
        try {
          return new Constant(Double.parseDouble(number));
        } catch (NumberFormatException e) {
          throw error("\"" + number + "\" is not a number");
        }
      }
      if (Character.isLetter(c) || c == '_') {
        int start = pos;
        while (pos < text.length()
            && (Character.isLetterOrDigit(text.charAt(pos))
                || "_.".indexOf(text.charAt(pos)) >= 0)) {
          pos++;
        }
        String word = text.substring(start, pos);
        if (peek() == '(') {
          if (!Aggregate.FUNCTIONS.contains(word)) {
            throw error("unknown function \"" + word + "\" (expected sum, avg, min or max)");
          }
          pos++;
          skipSpaces();
          int from = pos;
          while (pos < text.length()
              && text.charAt(pos) != ')'
              && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
          }
          String pattern = text.substring(from, pos);
          if (!SERIES_PATTERN.matcher(pattern).matches()) {
            throw error("\"" + pattern + "\" is not a series pattern");
          }
          expect(')');
          return new Aggregate(word, pattern);
        }
        if (!SERIES_ID.matcher(word).matches()) {
          throw error("\"" + word + "\" is not a series id such as api.requests");
        }
        return new Ref(word);
      }
      throw error(pos >= text.length() ? "unexpected end" : "unexpected \"" + c + "\"");
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected \"" + c + "\"");
      }
      pos++;
    }

    /** The next character that is not a space, or 0 at the end. */
    private char peek() {
      skipSpaces();
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(
          String.format(Locale.ROOT, "%s at character %d of \"%s\"", problem, pos + 1, text));
    }
  }
}
