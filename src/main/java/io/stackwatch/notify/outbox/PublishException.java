package io.stackwatch.notify.outbox;

/** A message was not published; {@link #permanent()} if sending it again cannot help. */
public final class PublishException extends RuntimeException {

  private final boolean permanent;

  public PublishException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  /**
   * The service refused the message itself (an invalid subject, too long a message); anything else
   * (throttling, an outage, a missing topic or permission that can be fixed) is worth retrying.
   */
  public boolean permanent() {
    return permanent;
  }
}
