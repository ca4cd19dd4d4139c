package io.stackwatch.simulator;

/**
 * An AWS error as a service reports it, independent of wire protocol: each {@link ServiceHandler}
 * renders it its own way (Query XML, JSON, ...).
 *
 * @param status HTTP status
 * @param type {@code Sender} (the caller's fault, 4xx) or {@code Receiver} (the service's, 5xx)
 * @param code the error code the SDK maps to an exception class
 * @param message human-readable detail
 */
public record ServiceError(int status, String type, String code, String message) {

  /** A client error, HTTP 400, type {@code Sender}. */
  public static ServiceError sender(String code, String message) {
    return new ServiceError(400, "Sender", code, message);
  }

  /** The throttling error most Query-protocol services send; the SDK retries it with backoff. */
  public static ServiceError throttling() {
    return sender("Throttling", "Rate exceeded");
  }

  /** A generic server-side failure, HTTP 500. */
  public static ServiceError internalFailure(String message) {
    return new ServiceError(500, "Receiver", "InternalFailure", message);
  }
}
