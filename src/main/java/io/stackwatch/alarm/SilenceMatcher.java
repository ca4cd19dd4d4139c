package io.stackwatch.alarm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One condition of a silence on one of an alarm's labels, as Alertmanager's matchers are: {@code
 * environment="prod"}, {@code alarm=~"rds-.*"}, {@code severity!="info"}, {@code
 * resource!~"dev-.*"}. A regular expression must match the whole value (it is anchored at both
 * ends, as Alertmanager anchors it), so {@code alarm=~"rds"} matches the alarm {@code rds} only. An
 * alarm without a resource has the empty resource, which {@code resource=""} matches.
 */
public final class SilenceMatcher {

  /** Longest value taken, regular expressions included. */
  public static final int VALUE_LIMIT = 500;

  /** The labels of an alarm a silence can match, as URLs, forms and JSON write them. */
  public enum Label {
    ENVIRONMENT,
    ALARM,
    SEVERITY,
    CATEGORY,
    RESOURCE;

    /** Such as {@code environment}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** This label's value for an alarm. */
    public String of(AlarmInstance i) {
      return switch (this) {
        case ENVIRONMENT -> i.environment();
        case ALARM -> i.id();
        case SEVERITY -> i.rule().severity().yamlName();
        case CATEGORY -> i.category().key();
        case RESOURCE -> i.resource();
      };
    }

    /** The label spelled exactly so, lower case. */
    public static Optional<Label> parse(String text) {
      return Arrays.stream(values()).filter(l -> l.key().equals(text)).findFirst();
    }

    /** Every label's key, for messages. */
    public static String keys() {
      return Arrays.stream(values()).map(Label::key).collect(Collectors.joining(", "));
    }
  }

  /** How a matcher compares: equality or a regular expression, each either way. */
  public enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** Such as {@code =~}. */
    public String symbol() {
      return symbol;
    }

    boolean regex() {
      return this == REGEX || this == NOT_REGEX;
    }

    boolean negative() {
      return this == NOT_EQUAL || this == NOT_REGEX;
    }

    /** The operator written so. */
    public static Optional<Op> parse(String text) {
      return Arrays.stream(values()).filter(o -> o.symbol.equals(text)).findFirst();
    }

    /** Every operator, for messages. */
    public static String symbols() {
      return Arrays.stream(values()).map(Op::symbol).collect(Collectors.joining(", "));
    }
  }

  private final Label label;
  private final Op op;
  private final String value;
  private final Pattern pattern;

  private SilenceMatcher(Label label, Op op, String value, Pattern pattern) {
    this.label = label;
    this.op = op;
    this.value = value;
    this.pattern = pattern;
  }

  /**
   * A matcher, its regular expression compiled.
   *
   * @throws IllegalArgumentException saying what is wrong with the value: a regular expression that
   *     does not compile, a severity or category that does not exist, a NUL, too long
   */
  public static SilenceMatcher of(Label label, Op op, String value) {
    Objects.requireNonNull(label);
    Objects.requireNonNull(op);
    Objects.requireNonNull(value);
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("may not hold a NUL character");
    }
    if (value.length() > VALUE_LIMIT) {
      throw new IllegalArgumentException("is longer than " + VALUE_LIMIT + " characters");
    }
    Pattern pattern = null;
    if (op.regex()) {
      try {
        pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "is not a regular expression: "
                + e.getDescription()
                + " near index "
                + e.getIndex()
                + " of \""
                + value
                + "\"");
      }
    } else if (label == Label.SEVERITY && Severity.parse(value).isEmpty()) {
      throw new IllegalArgumentException(
          "names no severity: \""
              + value
              + "\"; severities are "
              + Arrays.stream(Severity.values())
                  .map(Severity::yamlName)
                  .collect(Collectors.joining(", ")));
    } else if (label == Label.CATEGORY
        && Arrays.stream(Category.values()).noneMatch(c -> c.key().equals(value))) {
      throw new IllegalArgumentException(
          "names no category: \""
              + value
              + "\"; categories are "
              + Arrays.stream(Category.values())
                  .map(Category::key)
                  .collect(Collectors.joining(", ")));
    }
    return new SilenceMatcher(label, op, value, pattern);
  }

  public Label label() {
    return label;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  /** Whether a label's value satisfies this matcher. */
  public boolean matches(String labelValue) {
    boolean hit = op.regex() ? pattern.matcher(labelValue).matches() : value.equals(labelValue);
    return hit != op.negative();
  }

  /** Whether the alarm's label satisfies this matcher. */
  public boolean matches(AlarmInstance alarm) {
    return matches(label.of(alarm));
  }

  /** As Alertmanager writes a matcher: {@code alarm=~"rds-.*"}. */
  @Override
  public String toString() {
    return label.key()
        + op.symbol()
        + '"'
        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + '"';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SilenceMatcher m && m.label == label && m.op == op && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, op, value);
  }
}
