package io.stackwatch.simulator;

import java.util.regex.Pattern;

/**
 * A CloudWatch statistic: one of the five basic ones or a percentile {@code pNN} / {@code pNN.NN}.
 *
 * @param kind which statistic
 * @param percentile 0-100 for {@link Kind#PERCENTILE}, otherwise 0
 */
public record Stat(Kind kind, double percentile) {

  /** The statistic families CloudWatch computes. */
  public enum Kind {
    AVERAGE,
    SUM,
    MINIMUM,
    MAXIMUM,
    SAMPLE_COUNT,
    PERCENTILE
  }

  private static final Pattern PERCENTILE =
      Pattern.compile("p(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)");

  /**
   * Parses a {@code Stat} parameter; null if CloudWatch would not accept it (in this simulator).
   */
  public static Stat parse(String stat) {
    if (stat == null) {
      return null;
    }
    return switch (stat) {
      case "Average" -> new Stat(Kind.AVERAGE, 0);
      case "Sum" -> new Stat(Kind.SUM, 0);
      case "Minimum" -> new Stat(Kind.MINIMUM, 0);
      case "Maximum" -> new Stat(Kind.MAXIMUM, 0);
      case "SampleCount" -> new Stat(Kind.SAMPLE_COUNT, 0);
      default ->
          PERCENTILE.matcher(stat).matches()
              ? new Stat(Kind.PERCENTILE, Double.parseDouble(stat.substring(1)))
              : null;
    };
  }
}
