package io.stackwatch.notify.message;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Qute text templates of messages, under {@code templates/notify/}, rendered by an engine of
 * their own: plain text needs no escaping, and the formatters work the same in a plain unit test as
 * in the application.
 */
final class TextTemplates {

  private static final Engine ENGINE =
      Engine.builder()
          .addDefaults()
          .addValueResolver(new ReflectionValueResolver())
          .removeStandaloneLines(true)
          .build();

  private static final Map<String, Template> PARSED = new ConcurrentHashMap<>();

  private TextTemplates() {}

  /** Renders {@code templates/notify/<name>} with one data object under {@code name}. */
  static String render(String template, String name, Object data) {
    return PARSED.computeIfAbsent(template, TextTemplates::load).data(name, data).render();
  }

  private static Template load(String template) {
    String path = "templates/notify/" + template;
    try (InputStream in = TextTemplates.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing message template " + path);
      }
      return ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read message template " + path, e);
    }
  }
}
