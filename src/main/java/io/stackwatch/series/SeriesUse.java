package io.stackwatch.series;

import io.stackwatch.catalog.Environment;
import java.util.Set;

/**
 * A reader of series, such as the alarm rules or the dashboards: which of the series an environment
 * offers it reads, and how fresh it needs them. The poll fetches only what some reader reads.
 */
public interface SeriesUse {

  /**
   * The ids of the series it reads in one environment.
   *
   * @param offered every series stackwatch could collect there
   */
  Set<String> seriesIds(Environment env, SeriesPlan offered);

  /** Whether it needs them every poll (alarms), or the slow refresh is enough (panels). */
  boolean everyPoll();
}
