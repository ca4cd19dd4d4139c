package io.stackwatch.series;

import io.stackwatch.catalog.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * A reader of series, such as the alarm rules or the dashboards: which of the series an environment
 * offers it reads, and how fresh it needs each. The poll fetches only what some reader reads, each
 * series at the refresh of its most demanding reader.
 */
public interface SeriesUse {

  /** Who reads, as the cost plan names it: {@code alarm rules}, {@code panels}. */
  String name();

  /**
   * The ids of the series it reads in one environment, each with the refresh it needs.
   *
   * @param offered every series stackwatch could collect there
   * @param cadence the poll's cadences: nothing is fetched more often than the poll
   */
  Map<String, Duration> refreshes(Environment env, SeriesPlan offered, SeriesCadence cadence);
}
