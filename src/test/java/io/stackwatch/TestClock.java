package io.stackwatch;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The application's clock in tests: starts now, moves only when a test moves it. */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

  private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);

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
