package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code src/main/docker/Dockerfile.jvm}, read as Docker reads its instructions (no Docker engine
 * runs here to build it): a JRE 17, an unprivileged numeric user, the fast-jar and the rule files
 * where stackwatch looks for them, port 8080 and a health check on liveness.
 */
@Tag("plain")
class DockerfileTest {

  static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
  static final Path DOCKERIGNORE = Path.of("src/main/docker/Dockerfile.jvm.dockerignore");

  /** One instruction: keyword and its arguments, continuation lines joined. */
  record Instruction(String keyword, String args) {
    List<String> words() {
      return Arrays.asList(args.trim().split("\\s+"));
    }
  }

  static List<Instruction> parse(Path file) throws IOException {
    List<Instruction> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String text = pending.toString().strip();
      pending.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      int space = text.indexOf(' ');
      out.add(
          new Instruction(
              text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1)));
    }
    return out;
  }

  private static List<Instruction> all(List<Instruction> instructions, String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  private static Instruction last(List<Instruction> instructions, String keyword) {
    List<Instruction> found = all(instructions, keyword);
    assertThat(found).as(keyword + " in " + DOCKERFILE).isNotEmpty();
    return found.get(found.size() - 1);
  }

  @Test
  void runsOnAJava17RuntimeAsAnUnprivilegedNumericUser() throws IOException {
    List<Instruction> docker = parse(DOCKERFILE);

    assertThat(all(docker, "FROM")).hasSize(1);
    assertThat(last(docker, "FROM").args()).matches("eclipse-temurin:17-jre(-[a-z]+)?");

    // Numeric, so Kubernetes' runAsNonRoot can check it; never root.
    String user = last(docker, "USER").args().trim();
    assertThat(user).matches("[0-9]+(:[0-9]+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThan(0);
    // The user that deploy/kubernetes runs as.
    assertThat(user).isEqualTo("10001:10001");
  }

  @Test
  void servesOnPort8080OnEveryInterfaceWithAHealthCheckOnLiveness() throws IOException {
    List<Instruction> docker = parse(DOCKERFILE);

    assertThat(all(docker, "EXPOSE")).extracting(Instruction::args).containsExactly("8080");
    assertThat(all(docker, "ENV"))
        .extracting(Instruction::args)
        .anySatisfy(env -> assertThat(env).contains("QUARKUS_HTTP_HOST=0.0.0.0"));

    Instruction health = last(docker, "HEALTHCHECK");
    // curl ships in the Temurin Ubuntu images; the check must not need anything else.
    assertThat(health.args())
        .contains(" CMD ")
        .containsPattern("curl -fsS http://(127\\.0\\.0\\.1|localhost):8080/q/health/live");
  }

  @Test
  void copiesTheFastJarAloneAsItHoldsTheShippedDataFiles() throws IOException {
    List<Instruction> docker = parse(DOCKERFILE);
    String workdir = last(docker, "WORKDIR").args().trim();
    List<List<String>> copies = all(docker, "COPY").stream().map(Instruction::words).toList();

    assertThat(copies)
        .allSatisfy(c -> assertThat(c).as("COPY of files to a root-owned image").hasSize(2));
    // The rules, checklist, dashboards and series catalog are in the jar: no folder beside it.
    assertThat(copies)
        .extracting(c -> c.get(0))
        .containsExactly(
            "target/quarkus-app/lib/",
            "target/quarkus-app/*.jar",
            "target/quarkus-app/app/",
            "target/quarkus-app/quarkus/");
    // The class archive is written by the image's JVM, from a training run of the same jar the
    // command starts, against the simulator.
    assertThat(last(docker, "RUN").args())
        .contains(
            "-XX:ArchiveClassesAtExit=" + workdir + "/app-cds.jsa",
            "-Dstackwatch.class-archive.run=true",
            "-Dstackwatch.source=simulator",
            "-jar " + workdir + "/quarkus-run.jar");
    assertThat(last(docker, "CMD").args())
        .isEqualTo(
            "[\"java\", \"-XX:SharedArchiveFile="
                + workdir
                + "/app-cds.jsa\", \"-XX:TieredStopAtLevel=1\", \"-jar\", \""
                + workdir
                + "/quarkus-run.jar\"]");
  }

  @Test
  void theBuildContextHoldsEverythingTheImageCopies() throws IOException {
    List<String> included =
        Files.readAllLines(DOCKERIGNORE).stream()
            .map(String::strip)
            .filter(l -> l.startsWith("!"))
            .map(l -> l.substring(1))
            .toList();
    List<String> sources =
        all(parse(DOCKERFILE), "COPY").stream().map(c -> c.words().get(0)).toList();

    assertThat(sources)
        .allSatisfy(
            s ->
                assertThat(included)
                    .as(s + " is let into the build context by " + DOCKERIGNORE)
                    .anySatisfy(i -> assertThat(s).startsWith(i)));
    // What the project itself provides is there (target/ appears with ./mvnw package).
    sources.stream()
        .filter(s -> !s.startsWith("target/"))
        .forEach(s -> assertThat(Path.of(s)).as(s).isDirectory());
  }
}
