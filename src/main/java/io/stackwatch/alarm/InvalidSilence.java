package io.stackwatch.alarm;

/**
 * A silence refused as asked for: names the field that is wrong ({@code comment}, {@code endsAt},
 * {@code matchers[1].value}) and says what is wrong with it.
 */
public final class InvalidSilence extends IllegalArgumentException {

  private final String field;

  public InvalidSilence(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The field, as the JSON body names it. */
  public String field() {
    return field;
  }
}
