package io.stackwatch.simulator;

/**
 * Streams XML into a {@link StringBuilder}: no DOM, so writing a large response costs one pass and
 * one buffer.
 */
public final class XmlWriter {

  private final StringBuilder out;

  public XmlWriter(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  /** Opens {@code <name xmlns="namespace">}. */
  public XmlWriter open(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    return this;
  }

  public XmlWriter open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  public XmlWriter close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /**
   * An element with escaped text; nothing at all when the text is null, as AWS omits absent fields.
   */
  public XmlWriter element(String name, String text) {
    if (text != null) {
      open(name);
      escape(text);
      close(name);
    }
    return this;
  }

  /** An element holding a number, in the form Java's {@code Double.toString} gives, as AWS does. */
  public XmlWriter element(String name, double value) {
    open(name);
    long whole = (long) value;
    if (whole == value && Math.abs(whole) < 10_000_000) {
      // Same text as Double.toString for these, without its costly general algorithm.
      out.append(whole).append(".0");
    } else {
      out.append(value);
    }
    return close(name);
  }

  /** Appends markup that is already well-formed, e.g. a cached element. */
  public XmlWriter raw(String markup) {
    out.append(markup);
    return this;
  }

  /** An empty element, {@code <name/>}. */
  public XmlWriter empty(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  /**
   * Element text needs only these three escaped; quotes matter in attributes, which we never fill.
   */
  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
