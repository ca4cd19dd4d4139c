package io.stackwatch.simulator;

/**
 * Streams JSON into a {@link StringBuilder}, the counterpart of {@link XmlWriter} for AWS
 * JSON-protocol services. Commas are placed automatically: each container remembers whether it has
 * had a member yet.
 */
public final class JsonWriter {

  // Deeper than any request Json.parse accepts (64), so a parsed body can always be rewritten.
  private static final int MAX_DEPTH = 80;

  private final StringBuilder out;
  // first[d]: nothing written yet in the container at depth d
  private final boolean[] first = new boolean[MAX_DEPTH];
  private int depth;
  private boolean afterName;

  public JsonWriter(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  public JsonWriter beginObject() {
    return open('{');
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    return open('[');
  }

  public JsonWriter endArray() {
    return close(']');
  }

  /** The name of the next object member. */
  public JsonWriter name(String name) {
    separate();
    string(name);
    out.append(':');
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    separate();
    string(value);
    return this;
  }

  public JsonWriter value(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter value(long value) {
    separate();
    out.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    out.append("null");
    return this;
  }

  /** A value that is already valid JSON text, e.g. a number's digits. */
  public JsonWriter rawValue(String json) {
    separate();
    out.append(json);
    return this;
  }

  /** Shorthand for a member whose value is a string; nothing at all when the value is null. */
  public JsonWriter member(String name, String value) {
    if (value != null) {
      name(name).value(value);
    }
    return this;
  }

  private JsonWriter open(char bracket) {
    separate();
    out.append(bracket);
    first[++depth] = true;
    return this;
  }

  private JsonWriter close(char bracket) {
    out.append(bracket);
    depth--;
    return this;
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (!first[depth]) {
        out.append(',');
      }
      first[depth] = false;
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
