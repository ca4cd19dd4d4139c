package io.stackwatch;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: starts at a fixed mid-month instant, so dates (month to date,
 * the anomaly window) are the same on every run, and moves only when a test moves it.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

  public static final Instant START = Instant.parse("2026-11-26T12:00:05Z");

  private volatile Instant now;

  public TestClock() {
    this(START);
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
