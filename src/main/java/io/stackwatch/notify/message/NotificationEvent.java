package io.stackwatch.notify.message;

import java.util.Locale;

/** What a message tells of: its {@code event} message attribute, for subscription filters. */
public enum NotificationEvent {
  /** Alarms fire (and some may have resolved). */
  FIRING,
  /** Every alarm told of is OK again. */
  RESOLVED,
  /** The daily digest. */
  DIGEST,
  /** A test message an operator sent to check delivery. */
  TEST;

  /** As written in the message attribute, such as {@code firing}. */
  public String attributeValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
