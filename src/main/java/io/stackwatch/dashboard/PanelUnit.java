package io.stackwatch.dashboard;

import io.stackwatch.series.Unit;
import java.util.Optional;

/**
 * The unit a panel shows its values in: a CloudWatch unit, or one a dashboard adds (a count per
 * minute, US dollars).
 */
public enum PanelUnit {
  PERCENT("percent", Unit.PERCENT),
  COUNT("count", Unit.COUNT),
  PER_MINUTE("per-minute", Unit.COUNT),
  SECONDS("seconds", Unit.SECONDS),
  MILLISECONDS("milliseconds", Unit.MILLISECONDS),
  BYTES("bytes", Unit.BYTES),
  USD("usd", Unit.COUNT);

  private final String yamlName;
  private final Unit base;

  PanelUnit(String yamlName, Unit base) {
    this.yamlName = yamlName;
    this.base = base;
  }

  public String yamlName() {
    return yamlName;
  }

  /**
   * A value as a person reads it: {@code 91 %}, {@code 230 ms}, {@code 3.5 GB}, {@code 12 /min},
   * {@code $4.20}.
   */
  public String format(double v) {
    if (Double.isNaN(v)) {
      return "no data";
    }
    return switch (this) {
      case PER_MINUTE -> Unit.number(v) + " /min";
      case USD -> (v < 0 ? "-$" : "$") + Unit.number(Math.abs(v));
      default -> base.format(v);
    };
  }

  /** The panel unit of a series' own unit. */
  public static PanelUnit of(Unit unit) {
    return switch (unit) {
      case PERCENT -> PERCENT;
      case COUNT -> COUNT;
      case SECONDS -> SECONDS;
      case MILLISECONDS -> MILLISECONDS;
      case BYTES -> BYTES;
    };
  }

  /** The unit a panel declares, else that of its first series. */
  public static PanelUnit of(Optional<PanelUnit> declared, Unit firstSeries) {
    return declared.orElse(of(firstSeries));
  }
}
