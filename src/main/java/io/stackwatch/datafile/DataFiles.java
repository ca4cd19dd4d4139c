package io.stackwatch.datafile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The data files in force: those shipped in the jar (the repository's {@code alarms/*.yaml}, {@code
 * dashboards/*.yaml} and {@code dashboards/series/*.yaml}, listed in {@value #INDEX}, as a fast-jar
 * cannot be listed), with those of the configuration directory ({@code
 * stackwatch.config-directory}) laid over them by relative name: a file of a new name adds to the
 * shipped ones, a file of a shipped name replaces it, and an empty file (nothing but blank lines
 * and comments) removes it. Only {@code *.yaml} files directly in a folder of the layout are read;
 * the configuration directory is read again at every call, so a reload sees what changed.
 */
public final class DataFiles {

  /** The index of the shipped files, one relative name a line, on the class path. */
  public static final String INDEX = "stackwatch/shipped-files.txt";

  /** Where the shipped files are on the class path: {@code stackwatch/alarms/rds.yaml}. */
  public static final String SHIPPED = "stackwatch/";

  /** The setting that names the configuration directory. */
  public static final String SETTING = "stackwatch.config-directory";

  private final Map<String, DataFile> shipped;
  private final Optional<Path> directory;

  /**
   * @param shipped the shipped files, by relative name
   * @param directory the configuration directory, if any
   */
  public DataFiles(List<DataFile> shipped, Optional<Path> directory) {
    Map<String, DataFile> byName = new TreeMap<>();
    shipped.forEach(f -> byName.put(f.name(), f));
    this.shipped = byName;
    this.directory = directory;
  }

  /** The files shipped in the jar (read through {@link #INDEX}) and the configuration directory. */
  public static DataFiles shippedAnd(Optional<Path> directory) {
    return new DataFiles(shipped(), directory);
  }

  /** The files shipped in the jar, as {@link #INDEX} lists them. */
  public static List<DataFile> shipped() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = DataFiles.class.getClassLoader();
    }
    List<DataFile> files = new ArrayList<>();
    for (String line : resource(loader, INDEX).split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        files.add(new DataFile(name, name, resource(loader, SHIPPED + name)));
      }
    }
    return files;
  }

  private static String resource(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing from the class path: the build did not ship the data files");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The configuration directory, if one is set. */
  public Optional<Path> directory() {
    return directory;
  }

  /**
   * The {@code *.yaml} files in force directly in a folder, such as {@code alarms} or {@code
   * dashboards/series}, in name order.
   *
   * @throws DataFileException when the configuration directory, or a file of it, cannot be read
   */
  public List<DataFile> folder(String folder) {
    Map<String, DataFile> files = new TreeMap<>();
    shipped.values().stream()
        .filter(f -> f.name().equals(folder + "/" + f.fileName()))
        .forEach(f -> files.put(f.fileName(), f));
    for (DataFile own : configured(folder)) {
      if (own.isEmpty()) {
        files.remove(own.fileName());
      } else {
        files.put(own.fileName(), own);
      }
    }
    return List.copyOf(files.values());
  }

  /**
   * One file in force, such as {@code alarms/maintenance.yaml}; empty when neither shipped nor
   * configured, or removed by an empty file.
   *
   * @throws DataFileException when the configuration directory, or the file, cannot be read
   */
  public Optional<DataFile> file(String name) {
    int slash = name.lastIndexOf('/');
    String folder = slash < 0 ? "" : name.substring(0, slash);
    return folder(folder).stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * What is wrong with the configuration directory itself, each naming the setting: empty when it
   * is unset or readable.
   */
  public List<String> problems() {
    try {
      configured("alarms");
      return List.of();
    } catch (DataFileException e) {
      return e.errors();
    }
  }

  private List<DataFile> configured(String folder) {
    if (directory.isEmpty()) {
      return List.of();
    }
    Path dir = directory.get();
    if (!Files.isDirectory(dir)) {
      throw new DataFileException(
          List.of(
              SETTING
                  + ": "
                  + dir
                  + (Files.exists(dir) ? " is not a directory" : ": no such directory")));
    }
    if (!Files.isReadable(dir)) {
      throw new DataFileException(List.of(SETTING + ": " + dir + ": cannot read the directory"));
    }
    Path sub = dir.resolve(folder);
    if (!Files.isDirectory(sub)) {
      return List.of();
    }
    List<Path> paths;
    try (Stream<Path> listing = Files.list(sub)) {
      paths =
          listing
              .filter(f -> f.getFileName().toString().endsWith(".yaml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new DataFileException(
          List.of(SETTING + ": " + sub + ": cannot list the directory: " + e.getMessage()));
    }
    List<DataFile> files = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Path p : paths) {
      try {
        DataFile read = DataFile.read(p);
        files.add(new DataFile(folder + "/" + read.fileName(), read.origin(), read.text()));
      } catch (DataFileException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new DataFileException(errors);
    }
    return files;
  }
}
