package io.stackwatch.store;

/**
 * The database cannot be reached. Thrown instead of a bare SQL error whenever a connection cannot
 * be had or breaks, so a caller can tell "the store is away, try later" from a defect: a page shows
 * it, a form handler turns it into a visible error rather than losing the user's action.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
