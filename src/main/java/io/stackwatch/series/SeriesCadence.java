package io.stackwatch.series;

import java.time.Duration;

/**
 * How often series are refreshed: every poll for what an alarm reads, at the slow refresh for what
 * only panels show.
 *
 * @param poll time between polls
 * @param slow the refresh of series only panels show
 */
public record SeriesCadence(Duration poll, Duration slow) {}
