package io.stackwatch.cloudwatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How CloudWatch is polled, under {@code stackwatch.poll}. */
@ConfigMapping(prefix = "stackwatch.poll")
public interface PollConfig {

  /**
   * Time between polls, and so the fastest refresh of any series (that of every series an alarm
   * with a 1-minute period reads). Default 5 minutes.
   */
  @WithDefault("5m")
  Duration interval();

  /** Refresh of series only panels show, unless a panel states its own. Default 15 minutes. */
  @WithDefault("15m")
  Duration slowInterval();

  /**
   * How much of the already fetched window is read again, since CloudWatch still revises its newest
   * points. Default 3 minutes.
   */
  @WithDefault("3m")
  Duration overlap();

  /** How far back a series is read the first time. Default 3 hours. */
  @WithDefault("3h")
  Duration backfill();

  /**
   * Time one poll may take, retries included: requests not started by then are left for the next
   * poll and their environments marked stale. Default 2 minutes.
   */
  @WithDefault("2m")
  Duration budget();

  /**
   * How long a query CloudWatch refused on its own is left out before it is tried again. Default 1
   * hour.
   */
  @WithDefault("1h")
  Duration skipRetry();
}
