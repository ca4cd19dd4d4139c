package io.stackwatch.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How history is kept in the database, under {@code stackwatch.history}. */
@ConfigMapping(prefix = "stackwatch.history")
public interface HistoryConfig {

  /** How long 1-minute points are kept in the database. Default 2 days. */
  @WithDefault("2d")
  Duration minuteRetention();

  /** How long 5-minute points are kept, as CloudWatch keeps them. Default 63 days. */
  @WithDefault("63d")
  Duration fiveMinuteRetention();

  /** How long 1-hour points are kept, as CloudWatch keeps them (15 months). Default 455 days. */
  @WithDefault("455d")
  Duration hourRetention();

  /**
   * How long after an hour ends its 1-minute points are rolled up into 5-minute and 1-hour points,
   * so that CloudWatch's late revisions are in; a point arriving later rolls its hour up again.
   * Default 10 minutes.
   */
  @WithDefault("10m")
  Duration settle();

  /**
   * Whether the history CloudWatch still holds is fetched on a first start and for a new series (at
   * the 5-minute and 1-hour tiers, newest first, after the first poll), and the 5-minute and 1-hour
   * points of percentiles, which cannot be rolled up, as they complete. Default true.
   */
  @WithDefault("true")
  boolean fill();

  /**
   * How far back 5-minute points are fetched on a first start or for a new series: a day's chart a
   * week ago and its comparison; older windows are drawn from 1-hour points until the poll's own
   * rollups have filled the tier. Default 8 days.
   */
  @WithDefault("8d")
  Duration fiveMinuteFill();

  /**
   * How often the history is checked for what is missing (a new series, percentiles' newest hour).
   * Default 1 hour.
   */
  @WithDefault("1h")
  Duration fillEvery();

  /**
   * How much of the newest 1-minute history is loaded into memory on start, for the alarms and the
   * newest points; older minutes are read from the database when a chart asks. Default 3 hours.
   */
  @WithDefault("3h")
  Duration reload();

  /** Blocks of history deleted in one transaction when they age out. Default 500. */
  @WithDefault("500")
  int deleteBatch();
}
