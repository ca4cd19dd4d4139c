package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/configuration.md} lists every {@code stackwatch.*} setting the code reads, each
 * with the default the code has: the keys are walked from the {@code @ConfigMapping} interfaces
 * (and the scheduler's one setting outside them), the table is read from the file, and the two must
 * agree both ways.
 */
@Tag("plain")
class ConfigurationReferenceTest {

  static final Path REFERENCE = Path.of("deploy/configuration.md");

  /** Settings read outside a mapping: the followers' sync cadence, a scheduler expression. */
  static final Map<String, String> OUTSIDE_MAPPINGS =
      Map.of("stackwatch.replica.sync-interval", "30s");

  /** Every key the code reads, map keys as {@code *}, with its default ("" for none). */
  static Map<String, String> codeKeys() {
    Map<String, String> keys = new TreeMap<>(OUTSIDE_MAPPINGS);
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stackwatch")) {
      if (c.isAnnotatedWith(ConfigMapping.class)) {
        Class<?> mapping = c.reflect();
        walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
      }
    }
    return keys;
  }

  private static void walk(String prefix, Class<?> type, Map<String, String> keys) {
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() > 0 || m.isDefault() || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String key = prefix + "." + kebab(m.getName());
      Type t = m.getGenericReturnType();
      WithDefault d = m.getAnnotation(WithDefault.class);
      leafOrNested(key, t, d == null ? "" : d.value(), keys);
    }
  }

  private static void leafOrNested(String key, Type t, String def, Map<String, String> keys) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (raw == Map.class) {
        leafOrNested(key + ".*", p.getActualTypeArguments()[1], def, keys);
        return;
      }
      if (raw == Optional.class) {
        leafOrNested(key, p.getActualTypeArguments()[0], def, keys);
        return;
      }
      keys.put(key, def); // a list
      return;
    }
    Class<?> c = (Class<?>) t;
    if (c.isInterface() && c.getName().startsWith("io.stackwatch")) {
      walk(key, c, keys);
    } else {
      keys.put(key, def);
    }
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Every {@code stackwatch.} key of the file's tables, placeholders as {@code *}. */
  static Map<String, String> documentedKeys() throws IOException {
    Map<String, String> keys = new TreeMap<>();
    Pattern row = Pattern.compile("^\\| (.+?) \\| (.*?) \\| .*\\|$");
    Pattern key = Pattern.compile("`(stackwatch\\.[^`]+)`");
    Pattern value = Pattern.compile("^`([^`]*)`$");
    for (String line : Files.readAllLines(REFERENCE)) {
      Matcher r = row.matcher(line);
      if (!r.matches()) {
        continue;
      }
      Matcher v = value.matcher(r.group(2).trim());
      String def = v.matches() ? v.group(1) : "";
      Matcher k = key.matcher(r.group(1));
      while (k.find()) {
        keys.put(k.group(1).replaceAll("<[^>]+>", "*"), def);
      }
    }
    return keys;
  }

  @Test
  void everySettingIsDocumentedWithItsDefaultAndNothingElse() throws IOException {
    Map<String, String> code = codeKeys();
    Map<String, String> doc = documentedKeys();
    List<String> problems = new ArrayList<>();
    code.forEach(
        (k, d) -> {
          if (!doc.containsKey(k)) {
            problems.add(k + " (default " + (d.isEmpty() ? "none" : d) + "): not in " + REFERENCE);
          } else if (!d.isEmpty() && !d.equals(doc.get(k))) {
            problems.add(k + ": the code's default is " + d + ", the file says " + doc.get(k));
          }
        });
    doc.keySet().stream()
        .filter(k -> !code.containsKey(k))
        .forEach(k -> problems.add(k + ": documented, but no code reads it"));
    assertThat(problems).as("%s against the code", REFERENCE).isEmpty();
  }
}
