package io.stackwatch.datafile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One data file as a loader reads it.
 *
 * @param name its name relative to the configuration layout, such as {@code alarms/rds.yaml}
 * @param origin the file as its user knows it, for messages: {@code alarms/rds.yaml} for one
 *     shipped in the jar, the path of one in the configuration directory
 * @param text its content
 */
public record DataFile(String name, String origin, String text) {

  /**
   * A file read from disk, named by its file name, known by its path.
   *
   * @throws DataFileException when it cannot be read
   */
  public static DataFile read(Path file) {
    try {
      return new DataFile(
          file.getFileName().toString(),
          file.toString(),
          Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new DataFileException(List.of(file + ":1 file: cannot read: " + e.getMessage()));
    }
  }

  /** The file name, without folders. */
  public String fileName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** Nothing but blank lines and comments: in a configuration directory, a removal. */
  public boolean isEmpty() {
    return text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"));
  }
}
