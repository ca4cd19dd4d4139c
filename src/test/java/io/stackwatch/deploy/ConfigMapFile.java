package io.stackwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Writes a folder's files as a Kubernetes ConfigMap manifest, one key per file, each a YAML literal
 * block that reads back to the file's exact text. The manifests in {@code deploy/kubernetes} are
 * made this way from {@code alarms/} and {@code dashboards/}.
 */
final class ConfigMapFile {

  private static final String INDENT = "    ";

  private ConfigMapFile() {}

  /** The files of {@code dir} (not its subfolders) that {@code include} accepts, by name. */
  static List<Path> files(Path dir, Predicate<String> include) {
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(Files::isRegularFile)
          .filter(f -> include.test(f.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest text of ConfigMap {@code name} holding {@code files}. */
  static String render(String name, String header, List<Path> files) {
    StringBuilder out = new StringBuilder();
    header.lines().forEach(l -> out.append("# ").append(l).append('\n'));
    out.append("apiVersion: v1\n")
        .append("kind: ConfigMap\n")
        .append("metadata:\n")
        .append("  name: ")
        .append(name)
        .append('\n')
        .append("  labels:\n")
        .append("    app.kubernetes.io/name: stackwatch\n")
        .append("data:\n");
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.append("  ").append(f.getFileName()).append(": ").append(block(text));
    }
    return out.toString();
  }

  /** A literal block scalar (header line included) whose value is exactly {@code text}. */
  static String block(String text) {
    if (text.isEmpty()) {
      return "\"\"\n";
    }
    // Chomping: "-" strips the one missing final newline, "+" keeps extra ones, "" keeps one.
    String chomp = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
    // An explicit indentation when the first line starts with a space or is empty.
    String indent = text.startsWith(" ") || text.startsWith("\n") ? "2" : "";
    StringBuilder out = new StringBuilder("|").append(indent).append(chomp).append('\n');
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      out.append(line.isEmpty() ? "" : INDENT + line).append('\n');
    }
    return out.toString();
  }
}
