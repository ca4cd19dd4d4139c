package io.stackwatch.series;

import java.time.Duration;

/**
 * A resolution at which history is kept, as CloudWatch keeps it: 1-minute points for days, 5-minute
 * points for 63 days, 1-hour points for 15 months. Each tier's points are stored in blocks of a
 * fixed span, aligned to the epoch, one block per series.
 */
public enum Tier {
  MINUTE(60, Duration.ofHours(6)),
  FIVE_MINUTES(300, Duration.ofDays(7)),
  HOUR(3600, Duration.ofDays(28));

  private final int periodSeconds;
  private final long blockSeconds;

  Tier(int periodSeconds, Duration block) {
    this.periodSeconds = periodSeconds;
    this.blockSeconds = block.toSeconds();
  }

  /** Seconds between two points of this tier. */
  public int periodSeconds() {
    return periodSeconds;
  }

  /** Seconds one stored block spans. */
  public long blockSeconds() {
    return blockSeconds;
  }

  /** Points one block holds at most. */
  public int slots() {
    return (int) (blockSeconds / periodSeconds);
  }

  /** Minutes of data behind one whole point: its weight when every minute had data. */
  public int fullWeight() {
    return periodSeconds / 60;
  }

  /** The start of the period holding {@code epochSecond}. */
  public long align(long epochSecond) {
    return Math.floorDiv(epochSecond, periodSeconds) * (long) periodSeconds;
  }

  /** The start of the block holding {@code epochSecond}. */
  public long blockStart(long epochSecond) {
    return Math.floorDiv(epochSecond, blockSeconds) * blockSeconds;
  }

  /** The next coarser tier, if any. */
  public java.util.Optional<Tier> coarser() {
    return ordinal() + 1 < values().length
        ? java.util.Optional.of(values()[ordinal() + 1])
        : java.util.Optional.empty();
  }

  /** The tier whose period is exactly this many seconds. */
  public static java.util.Optional<Tier> ofPeriod(int seconds) {
    for (Tier t : values()) {
      if (t.periodSeconds == seconds) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
