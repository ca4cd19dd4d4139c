package io.stackwatch.simulator;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A fluent writer of AWS's XML answers over the JDK's StAX {@link XMLStreamWriter}, which does the
 * escaping. It adds what AWS's documents need: absent fields left out, numbers in AWS's form, and
 * no checked exceptions, since it only ever writes to memory.
 */
public final class XmlWriter {

  // The JDK's own writer, not whichever StAX provider a jar on the classpath brings, so the bytes
  // do not change with the classpath. It makes an independent writer per call (instance reuse is
  // off by default), so one factory serves every thread.
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final StringWriter out;
  private final XMLStreamWriter xml;
  // StAX closes whatever is open; the names callers give are checked against these, so a
  // misplaced close fails a test instead of shifting the rest of the document.
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter(int capacity) {
    this.out = new StringWriter(capacity);
    try {
      this.xml = FACTORY.createXMLStreamWriter(out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's StAX writer is always there", e);
    }
  }

  /** Opens {@code <name xmlns="namespace">}. */
  public XmlWriter open(String name, String namespace) {
    open(name);
    try {
      xml.writeDefaultNamespace(namespace);
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    return this;
  }

  public XmlWriter open(String name) {
    try {
      xml.writeStartElement(name);
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    open.push(name);
    return this;
  }

  public XmlWriter close(String name) {
    String innermost = open.peek();
    if (!name.equals(innermost)) {
      throw new IllegalStateException("cannot close " + name + " while " + innermost + " is open");
    }
    try {
      xml.writeEndElement();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    open.pop();
    return this;
  }

  /**
   * An element with escaped text; nothing at all when the text is null, as AWS omits absent fields.
   */
  public XmlWriter element(String name, String text) {
    if (text != null) {
      open(name);
      try {
        xml.writeCharacters(text);
      } catch (XMLStreamException e) {
        throw failed(e);
      }
      close(name);
    }
    return this;
  }

  /** An element holding a number, in the form Java's {@code Double.toString} gives, as AWS does. */
  public XmlWriter element(String name, double value) {
    long whole = (long) value;
    // Same text as Double.toString for these, without its costly general algorithm.
    return element(
        name,
        whole == value && Math.abs(whole) < 10_000_000 ? whole + ".0" : Double.toString(value));
  }

  /** An empty element, {@code <name/>}, as AWS writes an empty list. */
  public XmlWriter empty(String name) {
    try {
      xml.writeEmptyElement(name);
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    return this;
  }

  /** The document so far; complete once every element opened is closed. */
  @Override
  public String toString() {
    try {
      if (open.isEmpty()) {
        // StAX finishes an empty element's tag only at the next event; this is the last one.
        xml.writeEndDocument();
      }
      xml.flush();
    } catch (XMLStreamException e) {
      throw failed(e);
    }
    return out.toString();
  }

  private static IllegalStateException failed(XMLStreamException e) {
    return new IllegalStateException("StAX refused to write to memory", e);
  }
}
