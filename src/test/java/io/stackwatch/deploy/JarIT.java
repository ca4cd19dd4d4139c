package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The built jar, as an operator runs it: {@code java -XX:TieredStopAtLevel=1 -jar}, as the README
 * does, from a directory that holds nothing of the repository. It starts with the rules, checklist,
 * dashboards and series catalog it ships; a configuration directory adds a rule and a panel; a
 * broken file, or a directory that is not there, stops it with one block of problems and exit
 * status 1, without a stack trace. A failsafe integration test: {@code ./mvnw verify} packages the
 * jar before it runs.
 */
@Execution(ExecutionMode.CONCURRENT)
class JarIT {

  static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
  static final Duration START = Duration.ofSeconds(120);

  @TempDir Path empty;
  @TempDir Path config;

  private final List<Process> started = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void startsFromAnEmptyDirectoryWithTheShippedFiles() throws Exception {
    assertThat(empty).isEmptyDirectory();
    int port = freePort();
    Path log = start(port);

    // A clean start has nothing to warn about (no unknown key, no unverified H2 version).
    assertThat(Files.readAllLines(log))
        .noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR "));
    String overview = get(port, "/");
    assertThat(overview)
        .contains("aria-labelledby=\"env-prod\"")
        .contains("aria-labelledby=\"env-staging\"")
        .contains("aria-labelledby=\"env-dev\"");
    assertThat(get(port, "/api/environments"))
        .containsSubsequence("\"name\":\"prod\"", "\"name\":\"staging\"", "\"name\":\"dev\"");
    // The shipped rules, checklist and dashboards, read from the jar.
    assertThat(get(port, "/alarms")).contains("Database CPU above 80 %");
    assertThat(get(port, "/maintenance/prod")).contains("Review security group rules");
    assertThat(get(port, "/environments/prod")).contains("Database CPU");
  }

  @Test
  void theClassArchiveRunPollsLoadsThePagesAndExitsAndTheNextStartMapsItsArchive()
      throws Exception {
    Path archive = empty.resolve("app-cds.jsa");
    Result run =
        run(
            "-XX:ArchiveClassesAtExit=" + archive,
            "-Dstackwatch.class-archive.run=true",
            "-Dstackwatch.history.fill=false",
            "-Dstackwatch.store.jdbc-url=jdbc:h2:file:" + empty.resolve("training/db"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Start-up: first poll published")
        .contains("Class archive run: jobs run and 12 pages loaded; exiting")
        .doesNotContain(" ERROR ");
    assertThat(archive).isNotEmptyFile();

    // -Xshare:on refuses to start rather than run without the archive; the store's classes, which
    // Quarkus's own AppCDS run never loads, come from it.
    Path classes = empty.resolve("classes.log");
    start(
        freePort(),
        "-XX:SharedArchiveFile=" + archive,
        "-Xshare:on",
        "-Xlog:class+load=info:file=" + classes);
    assertThat(Files.readAllLines(classes))
        .anyMatch(l -> l.contains("io.stackwatch.store.HistoryStore source: shared objects file"))
        .anyMatch(l -> l.contains("org.h2.mvstore.MVStore source: shared objects file"));
  }

  @Test
  void aConfigurationDirectoryAddsARuleAndAPanel() throws Exception {
    write(
        "alarms/team.yaml",
        """
        rules:
          - id: team-db-cpu-very-high
            title: Team rule, database CPU above 95 %
            severity: warning
            metric: {namespace: AWS/RDS, name: CPUUtilization, statistic: Average, period: 60}
            comparison: ">"
            threshold: 95
            evaluation-periods: 5
            runbook: The team's own rule, from the configuration directory.
        """);
    write(
        "dashboards/team.yaml",
        """
        sections:
          - id: team
            title: The team's section
            panels:
              - id: team-db-connections
                title: Team panel, database connections
                series: rds.connections
        """);
    write("README.md", "Not read: only *.yaml files in the layout are.");
    int port = freePort();
    start(port, "-Dstackwatch.config-directory=" + config);

    assertThat(get(port, "/alarms"))
        .contains("Team rule, database CPU above 95 %")
        .contains("Database CPU above 80 %");
    assertThat(get(port, "/environments/prod"))
        .contains("The team&#39;s section")
        .contains("Team panel, database connections")
        .contains("Database CPU");
  }

  @Test
  void aBrokenFileStopsTheStartWithOneBlockOfProblems() throws Exception {
    write(
        "alarms/rds.yaml",
        """
        rules:
          - id: rds-cpu-high
            title: Database CPU above 80 %
            severity: critical
            metric: {namespace: AWS/RDS, name: CPUUtilization, statistic: Average, period: 60}
            comparison: ">"
            evaluation-periods: 3
            runbook: Threshold forgotten.
        """);
    write("dashboards/team.yaml", "sections:\n  - id: team\n");
    Path rds = config.resolve("alarms/rds.yaml");
    Path team = config.resolve("dashboards/team.yaml");

    Result r = run("-Dstackwatch.config-directory=" + config);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo(
            "stackwatch cannot start: 3 problems in its data files (stackwatch.config-directory="
                + config
                + "):\n"
                + "  "
                + rds
                + ":2 rule[0] (rds-cpu-high) threshold: missing\n"
                + "  "
                + team
                + ":2 section[0] (team) title: missing\n"
                + "  "
                + team
                + ":2 section[0] (team) panels: missing\n"
                + "Nothing was started: fix what is listed and start again.\n");
  }

  @Test
  void aMissingDirectoryStopsTheStartNamingTheSetting() throws Exception {
    Path missing = config.resolve("not-there");

    Result r = run("-Dstackwatch.config-directory=" + missing);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo(
            "stackwatch cannot start: 1 problem in its data files (stackwatch.config-directory="
                + missing
                + "):\n"
                + "  stackwatch.config-directory: "
                + missing
                + ": no such directory\n"
                + "Nothing was started: fix what is listed and start again.\n");
  }

  /**
   * Lists that grow for ever stay bounded in memory too: the jar in 512 MB of heap, exiting on an
   * OutOfMemoryError as the container image does, takes 3,000 sign-offs of one chore through the
   * form, then forty readers at once of the maintenance page and the audit trail, all answered.
   */
  @Test
  void threeThousandSignOffsAndFortyReadersFitIn512MbOfHeap() throws Exception {
    int port = freePort();
    start(port, "-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
    Process jar = started.get(started.size() - 1);
    HttpResponse<String> page =
        http.send(request(port, "/maintenance/prod"), HttpResponse.BodyHandlers.ofString());
    String cookie =
        page.headers().allValues("set-cookie").stream()
            .filter(c -> c.startsWith("csrf-token="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow();
    java.util.regex.Matcher token =
        java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
            .matcher(page.body());
    java.util.regex.Matcher chore =
        java.util.regex.Pattern.compile("action=\"/maintenance/prod/([^/\"]+)/sign-off\"")
            .matcher(page.body());
    assertThat(token.find()).isTrue();
    assertThat(chore.find()).isTrue();
    String form =
        "csrf-token="
            + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)
            + "&by=olga&note="
            + "checked+the+dashboards%2C+the+logs+and+the+cost.+".repeat(40);
    URI signOff =
        URI.create(
            "http://127.0.0.1:" + port + "/maintenance/prod/" + chore.group(1) + "/sign-off");
    long started = System.nanoTime();
    // Eight operators at once, as a busy team would; every one answered 303.
    java.util.concurrent.ExecutorService operators =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        answers.add(
            operators.submit(
                () ->
                    http.send(
                            HttpRequest.newBuilder(signOff)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", cookie)
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
      }
      for (java.util.concurrent.Future<Integer> a : answers) {
        assertThat(a.get()).isEqualTo(303);
      }
    } finally {
      operators.shutdownNow();
    }
    long signing = (System.nanoTime() - started) / 1_000_000;

    java.util.concurrent.ExecutorService readers =
        java.util.concurrent.Executors.newFixedThreadPool(40);
    try {
      List<java.util.concurrent.Future<Integer>> sizes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String path = i % 2 == 0 ? "/maintenance/prod" : "/admin/audit";
        sizes.add(readers.submit(() -> get(port, path).length()));
      }
      for (java.util.concurrent.Future<Integer> size : sizes) {
        assertThat(size.get()).isLessThan(200 * 1024);
      }
    } finally {
      readers.shutdownNow();
    }
    assertThat(jar.isAlive()).as("the jar in 512 MB of heap").isTrue();
    System.out.printf(
        "512 MB heap: 3,000 sign-offs in %d ms, 40 readers answered, the jar alive%n", signing);
  }

  private record Result(int exitCode, String output) {}

  /** Runs the jar to its end (it is expected to refuse to start), with its output. */
  private Result run(String... options) throws IOException, InterruptedException {
    Path log = Files.createTempFile("stackwatch-jar", ".log");
    Process p = process(freePort(), log, options);
    if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("still running after " + START + ":\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  /** Starts the jar and waits until its overview answers; returns its output file. */
  private Path start(int port, String... options) throws Exception {
    Path log = Files.createTempFile("stackwatch-jar", ".log");
    Process p = process(port, log, options);
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "exited with " + p.exitValue() + " before answering:\n" + Files.readString(log));
      }
      try {
        if (http.send(request(port, "/"), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return log;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no answer within " + START + ":\n" + Files.readString(log));
  }

  private Process process(int port, Path log, String... options) throws IOException {
    if (!Files.exists(JAR)) {
      throw new AssertionError(JAR + " is missing: run ./mvnw verify, which packages it first");
    }
    // The client compiler alone, as the README runs the jar: on two cores the quicker start.
    List<String> command =
        new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port));
    command.addAll(List.of(options));
    command.addAll(List.of("-jar", JAR.toString()));
    Process p =
        new ProcessBuilder(command)
            .directory(empty.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(p);
    return p;
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(port, path), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private static HttpRequest request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private void write(String name, String text) throws IOException {
    Path p = config.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
