package io.stackwatch.series;

import java.time.Duration;

/**
 * How often series are refreshed: at most every poll; panels that state no refresh of their own at
 * the slow refresh.
 *
 * @param poll time between polls
 * @param slow the refresh of series only panels show, unless a panel states its own
 */
public record SeriesCadence(Duration poll, Duration slow) {

  /** A reader's refresh, no faster than the poll can fetch. */
  public Duration atMostPoll(Duration refresh) {
    return refresh.compareTo(poll) < 0 ? poll : refresh;
  }

  /** The faster of two refreshes: what two readers of one series need together. */
  public static Duration faster(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
