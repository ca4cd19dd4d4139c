package io.stackwatch.simulator;

/** Thrown by a handler to answer a request with an AWS error instead of a result. */
public final class ServiceException extends RuntimeException {

  private final transient ServiceError error;

  public ServiceException(ServiceError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  /** Shorthand for the common case, a 400 {@code Sender} error. */
  public static ServiceException sender(String code, String message) {
    return new ServiceException(ServiceError.sender(code, message));
  }

  public ServiceError error() {
    return error;
  }
}
