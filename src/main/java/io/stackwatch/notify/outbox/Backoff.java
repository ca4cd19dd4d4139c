package io.stackwatch.notify.outbox;

import java.time.Duration;

/**
 * How long a pending message waits after a failed attempt: doubling from {@code initial} up to
 * {@code max}, with "equal jitter" (half of it fixed, half random), so messages that failed
 * together do not all return together, and none returns sooner than half its backoff.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {

  /**
   * @param failures failed attempts so far, at least 1
   * @param random a number in [0, 1)
   */
  public Duration after(int failures, double random) {
    long cap = max.toMillis();
    long exponential = initial.toMillis();
    for (int i = 1; i < failures && exponential < cap; i++) {
      exponential *= 2;
    }
    long wait = Math.min(exponential, cap);
    return Duration.ofMillis(wait / 2 + (long) (random * (wait - wait / 2)));
  }
}
