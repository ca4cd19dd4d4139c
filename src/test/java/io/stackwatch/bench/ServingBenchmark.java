package io.stackwatch.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Serving from the stored snapshot under load from a second process: wrk (Debian's package), 100
 * connections, {@code -Dbench.seconds} (default 30) per route, against the seed's three
 * environments after a poll (subclasses: 30 and 100). Prints requests per second, p50, p99 and
 * errors per route (after a warm-up of a fifth of that, not counted) and writes them to {@code
 * target/bench/serving-<environments>.json}. Run with {@code ./mvnw test -Pbench}; measured, never
 * asserted.
 */
@QuarkusTest
@TestProfile(Estate.Seed.class)
class ServingBenchmark {

  /** How many environments the application watches; subclasses add more. */
  int environments() {
    return 3;
  }

  /** The routes measured, in order. */
  List<Route> routes() {
    return Stream.of("/", "/environments/prod", "/api/environments", "/q/metrics")
        .map(Route::new)
        .toList();
  }

  /**
   * A route as asked: its path, and whether the client accepts gzip (then the bytes reported are
   * those on the wire).
   */
  record Route(String path, boolean gzip) {
    Route(String path) {
      this(path, false);
    }

    String label() {
      return gzip ? path + " (gzip)" : path;
    }

    String[] headers() {
      return gzip ? new String[] {"Accept-Encoding: gzip"} : new String[0];
    }
  }

  @jakarta.inject.Inject PollJob job;
  @jakarta.inject.Inject TestClock clock;

  @TestHTTPResource("/")
  URL base;

  record Result(
      String route, double requestsPerSecond, String p50, String p99, long errors, int bytes) {}

  @Test
  void run() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    int seconds = Integer.getInteger("bench.seconds", 30);
    HttpClient http = HttpClient.newHttpClient();
    List<Result> results = new ArrayList<>();
    for (Route route : routes()) {
      String url = base.toString().replaceAll("/$", "") + route.path();
      HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url));
      if (route.gzip()) {
        request.header("Accept-Encoding", "gzip");
      }
      int bytes = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body().length;
      // warm-up, not counted: the JIT compiles the route
      wrk(url, Math.max(1, seconds / 5), route.headers());
      results.add(parse(route.label(), wrk(url, seconds, route.headers()), bytes));
    }
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-22s %10s %9s %9s %7s %10s%n",
                "route",
                "req/s",
                "p50",
                "p99",
                "errors",
                "bytes"));
    for (Result r : results) {
      table.append(
          String.format(
              Locale.ROOT,
              "%-22s %10.0f %9s %9s %7d %10d%n",
              r.route(),
              r.requestsPerSecond(),
              r.p50(),
              r.p99(),
              r.errors(),
              r.bytes()));
    }
    System.out.println(
        "\nstackwatch serving benchmark: "
            + environments()
            + " environments, "
            + seriesWatched(http)
            + " series, wrk 100 connections, "
            + seconds
            + " s per route\n"
            + table);
    Path out = Path.of("target/bench/serving-" + environments() + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        results.stream()
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "{\"route\":\"%s\",\"requests_per_second\":%.1f,\"p50\":\"%s\",\"p99\":\"%s\",\"errors\":%d,\"bytes\":%d}",
                        r.route(),
                        r.requestsPerSecond(),
                        r.p50(),
                        r.p99(),
                        r.errors(),
                        r.bytes()))
            .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
  }

  /** The series watched, as {@code /q/metrics} counts them ({@code stackwatch_series}). */
  private long seriesWatched(HttpClient http) throws IOException, InterruptedException {
    String metrics =
        http.send(
                HttpRequest.newBuilder(
                        java.net.URI.create(base.toString().replaceAll("/$", "") + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = Pattern.compile("(?m)^stackwatch_series\\{[^}]*} ([0-9.E]+)$").matcher(metrics);
    long series = 0;
    while (m.find()) {
      series += (long) Double.parseDouble(m.group(1));
    }
    return series;
  }

  /**
   * Runs wrk, with these request headers; a missing wrk fails the benchmark (.ci/run installs it).
   */
  static String wrk(String url, int seconds, String... headers)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("wrk", "-t2", "-c100", "-d" + seconds + "s", "--latency"));
    for (String h : headers) {
      command.addAll(List.of("-H", h));
    }
    command.add(url);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("wrk is required (Debian package wrk; .ci/run installs it)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("wrk failed:\n" + out);
    }
    return out;
  }

  static Result parse(String route, String out, int bytes) {
    double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)"));
    long errors = 0;
    Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket =
        Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
            .matcher(out);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new Result(
        route, rps, find(out, "\\s50%\\s+(\\S+)"), find(out, "\\s99%\\s+(\\S+)"), errors, bytes);
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new AssertionError("wrk output lacks " + regex + ":\n" + text);
    }
    return m.group(1);
  }
}
