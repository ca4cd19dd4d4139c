package io.stackwatch.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Time from starting the built jar to the first overview page that shows numbers: the JVM, Quarkus,
 * the simulator, the first poll, in a process of its own. Needs {@code ./mvnw -DskipTests package}
 * first. Prints the figure and writes {@code target/bench/startup.json}; never asserts it.
 */
class StartupBenchmark {

  @Test
  void timeToFirstPage() throws Exception {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new AssertionError("build the jar first: ./mvnw -DskipTests package");
    }
    int port = 18080 + (int) (ProcessHandle.current().pid() % 1000);
    Path data = Files.createTempDirectory("stackwatch-startup");
    long start = System.nanoTime();
    Process app =
        new ProcessBuilder(
                "java",
                "-Dquarkus.http.port=" + port,
                "-Dstackwatch.store.jdbc-url=jdbc:h2:file:" + data.resolve("db"),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(new File(data.resolve("log").toString()))
            .start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
      HttpRequest overview =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
      double seconds = -1;
      while (System.nanoTime() - start < 60_000_000_000L) {
        try {
          String body = http.send(overview, HttpResponse.BodyHandlers.ofString()).body();
          if (body.matches("(?s).*<dt>DB CPU</dt><dd>[0-9.]+ %</dd>.*")) {
            seconds = (System.nanoTime() - start) / 1e9;
            break;
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        Thread.sleep(20);
      }
      if (seconds < 0) {
        throw new AssertionError("no page with numbers within 60 s; see " + data.resolve("log"));
      }
      System.out.printf(
          Locale.ROOT,
          "%nstackwatch startup benchmark: first page with numbers after %.2f s%n",
          seconds);
      Files.createDirectories(Path.of("target/bench"));
      Files.writeString(
          Path.of("target/bench/startup.json"),
          String.format(Locale.ROOT, "{\"first_page_seconds\":%.3f}%n", seconds));
    } finally {
      app.destroy();
      app.waitFor();
    }
  }
}
