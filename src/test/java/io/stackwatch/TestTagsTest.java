package io.stackwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every test class either runs in the application ({@code @QuarkusTest}) or carries the tag of the
 * quick loop it belongs to: {@code plain} ({@code ./mvnw test -Dgroups=plain}) or {@code postgres}
 * (it starts embedded PostgreSQL), so a new test is not left out of both. The simulator's tests and
 * the benchmarks are outside this scheme.
 */
@Tag("plain")
class TestTagsTest {

  static final Set<String> LOOPS = Set.of("plain", "postgres");

  @Test
  void everyTestClassWithoutQuarkusIsTaggedPlainOrPostgres() throws Exception {
    Path root = Path.of("target/test-classes");
    List<String> untagged = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(root.resolve("io/stackwatch"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains("$") || name.startsWith("io.stackwatch.bench.") || name.endsWith("IT")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, TestTagsTest.class.getClassLoader());
        if (!hasTests(type) || type.isAnnotationPresent(QuarkusTest.class)) {
          continue;
        }
        checked++;
        Set<String> wanted =
            name.startsWith("io.stackwatch.simulator.") ? Set.of("simulator") : LOOPS;
        if (tags(type).stream().noneMatch(wanted::contains)) {
          untagged.add(name);
        }
      }
    }
    assertThat(checked).as("test classes found").isGreaterThan(20);
    assertThat(untagged)
        .as("test classes with neither tag " + LOOPS + ", or simulator tests without it")
        .isEmpty();
  }

  private static boolean hasTests(Class<?> type) {
    return Arrays.stream(type.getDeclaredMethods())
            .anyMatch(
                m ->
                    m.isAnnotationPresent(Test.class)
                        || m.isAnnotationPresent(ParameterizedTest.class))
        || Arrays.stream(type.getDeclaredFields())
            .anyMatch(f -> f.isAnnotationPresent(ArchTest.class));
  }

  private static Set<String> tags(AnnotatedElement type) {
    Set<String> tags = new HashSet<>();
    Arrays.stream(type.getAnnotationsByType(Tag.class)).map(Tag::value).forEach(tags::add);
    Arrays.stream(type.getAnnotationsByType(ArchTag.class)).map(ArchTag::value).forEach(tags::add);
    return tags;
  }
}
