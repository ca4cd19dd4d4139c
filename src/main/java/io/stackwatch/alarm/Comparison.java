package io.stackwatch.alarm;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a datapoint is compared: against the threshold ({@code >}, {@code >=}, {@code <}, {@code
 * <=}), or against the datapoint of the period before it ({@code increasing}, {@code decreasing}).
 */
public enum Comparison {
  GREATER_THAN(">", "greater than"),
  GREATER_THAN_OR_EQUAL(">=", "greater than or equal to"),
  LESS_THAN("<", "less than"),
  LESS_THAN_OR_EQUAL("<=", "less than or equal to"),
  INCREASING("increasing", "greater than"),
  DECREASING("decreasing", "less than");

  private final String symbol;
  private final String words;

  Comparison(String symbol, String words) {
    this.symbol = symbol;
    this.words = words;
  }

  /** The spelling in rule files, such as {@code >=} or {@code increasing}. */
  public String symbol() {
    return symbol;
  }

  /** The words CloudWatch uses in a state reason, such as {@code greater than or equal to}. */
  public String words() {
    return words;
  }

  /** Whether a datapoint is compared with the one before it rather than with a threshold. */
  public boolean isTrend() {
    return this == INCREASING || this == DECREASING;
  }

  /**
   * Whether a value breaches.
   *
   * @param value the datapoint
   * @param reference the threshold, or for a trend the datapoint of the period before
   */
  public boolean breaches(double value, double reference) {
    return switch (this) {
      case GREATER_THAN, INCREASING -> value > reference;
      case GREATER_THAN_OR_EQUAL -> value >= reference;
      case LESS_THAN, DECREASING -> value < reference;
      case LESS_THAN_OR_EQUAL -> value <= reference;
    };
  }

  /** The comparison spelled exactly so in a rule file. */
  public static Optional<Comparison> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.symbol.equals(text)).findFirst();
  }
}
