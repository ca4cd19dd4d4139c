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

  /** Blocks of history deleted in one transaction when they age out. Default 500. */
  @WithDefault("500")
  int deleteBatch();
}
