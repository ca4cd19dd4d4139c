package io.stackwatch.cloudwatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How CloudWatch is polled, under {@code stackwatch.poll}. */
@ConfigMapping(prefix = "stackwatch.poll")
public interface PollConfig {

  /** Time between polls, and so the refresh of every series an alarm reads. Default 5 minutes. */
  @WithDefault("5m")
  Duration interval();

  /** Refresh of series only panels show. Default 15 minutes. */
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
}
