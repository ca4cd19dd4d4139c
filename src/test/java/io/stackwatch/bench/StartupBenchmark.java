package io.stackwatch.bench;

import io.stackwatch.store.Database;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Time from starting the built jar to the first overview page that shows numbers, in a process of
 * its own, and where it goes: the JVM's start, Quarkus's boot, the database's migrations, reading
 * the data files (rules, dashboards, binding), the first poll, the first page with numbers (from
 * the {@code Start-up:} lines the application logs). A first start on an empty store, then a
 * restart on the store it left: with the bare {@code java -jar}; and when the package has a class
 * archive ({@code -Pclass-archive}), with it, then with it and C1 alone, as the README runs it
 * (else with C1 alone). Needs {@code ./mvnw -DskipTests package} first. Prints the table and writes
 * {@code target/bench/startup.json}; never asserts it.
 */
class StartupBenchmark {

  static final Path APP = Path.of("target/quarkus-app");
  static final String ARCHIVE = "app-cds.jsa";
  static final String C1 = "-XX:TieredStopAtLevel=1";
  static final Pattern STAGE = Pattern.compile("Start-up: (.+) at (\\d+) ms after the JVM started");
  static final Pattern JVM_START = Pattern.compile("Start-up: JVM started at (\\d+) ms since");

  /** One start: its name and the milliseconds at which each stage ended, from the launch. */
  record Start(String name, Map<String, Long> stages) {}

  @Test
  void timeToFirstPage() throws Exception {
    Path jar = APP.resolve("quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new AssertionError("build the jar first: ./mvnw -DskipTests package");
    }
    // The bare jar; with the class archive (-Pclass-archive); and as the README runs it, with the
    // archive and C1 alone.
    Map<String, List<String>> ways = new LinkedHashMap<>();
    ways.put("", List.of());
    if (Files.exists(APP.resolve(ARCHIVE))) {
      ways.put(" +archive", List.of("-XX:SharedArchiveFile=" + ARCHIVE));
      ways.put(" +archive+C1", List.of("-XX:SharedArchiveFile=" + ARCHIVE, C1));
    } else {
      ways.put(" +C1", List.of(C1));
    }
    List<Start> starts = new ArrayList<>();
    for (Map.Entry<String, List<String>> way : ways.entrySet()) {
      Path data = Files.createTempDirectory("stackwatch-startup");
      starts.add(start("first start" + way.getKey(), jar, data, way.getValue()));
      starts.add(start("restart" + way.getKey(), jar, data, way.getValue()));
    }
    List<String> stages = new ArrayList<>(starts.get(0).stages().keySet());
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-28s", "ms from launch"));
    stages.forEach(s -> table.append(String.format(Locale.ROOT, "%14s", s)));
    table.append('\n');
    for (Start s : starts) {
      table.append(String.format(Locale.ROOT, "%-28s", s.name()));
      stages.forEach(
          st -> table.append(String.format(Locale.ROOT, "%14d", s.stages().getOrDefault(st, -1L))));
      table.append('\n');
    }
    System.out.printf(
        Locale.ROOT,
        "%nstackwatch startup benchmark: first page with numbers after %.2f s (first start, %s),"
            + " %.2f s (restart)%n"
            + "stages end at (columns: JVM running, Quarkus booted, data files read, database"
            + " migrated and rules bound, first poll published, first page with numbers)%n%s",
        starts.get(starts.size() - 2).stages().get("page") / 1000.0,
        starts.get(starts.size() - 2).name(),
        starts.get(starts.size() - 1).stages().get("page") / 1000.0,
        table);
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(
        Path.of("target/bench/startup.json"),
        starts.stream()
            .map(
                s ->
                    s.stages().entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "_ms\":" + e.getValue())
                        .collect(Collectors.joining(",", "{\"start\":\"" + s.name() + "\",", "}")))
            .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
  }

  private Start start(String name, Path jar, Path data, List<String> options) throws Exception {
    int port = 18080 + (int) (ProcessHandle.current().pid() % 1000);
    Path log = data.resolve(name.replace(' ', '-').replace('+', '_') + ".log");
    // The jar run from its own directory, where the archive expects it.
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(options);
    command.addAll(
        List.of(
            "-Dquarkus.http.port=" + port,
            // The default database's settings, in a directory of the benchmark's own.
            "-Dstackwatch.store.jdbc-url=jdbc:h2:file:"
                + data.resolve("db").toAbsolutePath()
                + Database.H2_SETTINGS,
            "-jar",
            jar.getFileName().toString()));
    long launchedAt = System.currentTimeMillis();
    long start = System.nanoTime();
    Process app =
        new ProcessBuilder(command)
            .directory(APP.toFile())
            .redirectErrorStream(true)
            .redirectOutput(new File(log.toString()))
            .start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      HttpRequest overview =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
      long page = -1;
      while (System.nanoTime() - start < 60_000_000_000L) {
        try {
          String body = http.send(overview, HttpResponse.BodyHandlers.ofString()).body();
          if (body.matches("(?s).*<dt>DB CPU</dt><dd>[0-9.]+ %</dd>.*")) {
            page = (System.nanoTime() - start) / 1_000_000;
            break;
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      if (page < 0) {
        throw new AssertionError("no page with numbers within 60 s; see " + log);
      }
      String text = Files.readString(log);
      Matcher jvm = JVM_START.matcher(text);
      long jvmAt = jvm.find() ? Long.parseLong(jvm.group(1)) - launchedAt : 0;
      Map<String, Long> stages = new LinkedHashMap<>();
      stages.put("jvm", jvmAt);
      Matcher m = STAGE.matcher(text);
      while (m.find()) {
        stages.put(m.group(1).split(" ")[0], jvmAt + Long.parseLong(m.group(2)));
      }
      stages.put("page", page);
      return new Start(name, stages);
    } finally {
      app.destroy();
      app.waitFor();
    }
  }
}
