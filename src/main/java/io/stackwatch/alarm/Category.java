package io.stackwatch.alarm;

import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCatalog;
import java.util.Locale;

/**
 * What an alarm is about, so cost and chores are told apart from outages: what its rule says
 * ({@code category:}), or else what it reads tells: an alarm on a series stackwatch records from
 * Cost Explorer is {@code cost}, one on the maintenance verdict {@code maintenance}, any other
 * (CloudWatch's metrics, derived series) {@code health}.
 */
public enum Category {
  HEALTH,
  COST,
  MAINTENANCE;

  /** The category of an alarm reading a series, from the series' namespace. */
  public static Category of(Series series) {
    String namespace = series.stat().map(s -> s.namespace()).orElse("");
    return switch (namespace) {
      case SeriesCatalog.RECORDED -> COST;
      case SeriesCatalog.MAINTENANCE -> MAINTENANCE;
      default -> HEALTH;
    };
  }

  /** As URLs and JSON write it: {@code health}, {@code cost}, {@code maintenance}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
