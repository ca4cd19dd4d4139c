package io.stackwatch.maintenance;

import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.datafile.FileProblems;
import io.stackwatch.datafile.YamlMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code alarms/maintenance.yaml}, checked as strictly as the alarm rules: every problem of
 * the file is reported at once, each naming file, line, item and field.
 *
 * <pre>
 * grace:                      # optional: how long after its due date a chore is overdue
 *   weekly: 2d                # daily 1d, weekly 2d, monthly 7d, quarterly 14d by default
 * items:
 *   - id: review-security-groups       # unique, kebab-case
 *     title: Review security group rules
 *     cadence: weekly                  # daily | weekly | monthly | quarterly
 *     why: What goes wrong when it is forgotten.
 *     how: How to do it.
 *     scope: environment               # environment (default) | global
 *     environments: [prod]             # optional: only these environments
 *     critical: true                   # optional: overdue raises a warning alarm
 *     check: security-groups           # optional: automated evidence
 * </pre>
 */
public final class ChecklistLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,4})([dh])");
  private static final List<String> FILE_KEYS = List.of("grace", "items");
  private static final List<String> GRACE_KEYS =
      List.of(Cadence.values()).stream().map(Cadence::yamlName).toList();
  private static final List<String> ITEM_KEYS =
      List.of("id", "title", "cadence", "why", "how", "scope", "environments", "critical", "check");

  private enum Scope {
    ENVIRONMENT,
    GLOBAL;

    String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The checklist's name, in the jar and in the configuration directory. */
  public static final String FILE = "alarms/maintenance.yaml";

  private ChecklistLoader() {}

  /**
   * The checklist in force ({@value #FILE}); none, when an empty file in the configuration
   * directory removes the shipped one.
   *
   * @throws DataFileException naming every problem found
   */
  public static Checklist load(DataFiles files) {
    return files
        .file(FILE)
        .map(ChecklistLoader::loadData)
        .orElse(new Checklist(List.of(), Map.of()));
  }

  /**
   * @throws DataFileException naming every problem found
   */
  public static Checklist load(Path file) {
    return loadData(DataFile.read(file));
  }

  /**
   * @throws DataFileException naming every problem found
   */
  public static Checklist loadData(DataFile file) {
    FileProblems problems = new FileProblems(file);
    Checklist checklist = read(problems);
    if (problems.count() > 0) {
      throw new DataFileException(problems.inLineOrder());
    }
    return checklist;
  }

  private static Checklist read(FileProblems problems) {
    Optional<Node> composed = YamlMapping.compose(problems);
    if (composed.isEmpty()) {
      return null;
    }
    if (composed.get() instanceof ScalarNode empty && empty.getValue().isEmpty()) {
      problems.add(1, "", "items", "missing");
      return null;
    }
    if (!(composed.get() instanceof MappingNode root)) {
      problems.add(composed.get(), "", "items", "missing (the checklist is a mapping with items)");
      return null;
    }
    YamlMapping top = new YamlMapping(problems, "", "", root, FILE_KEYS);
    Map<Cadence, Duration> grace = new EnumMap<>(Cadence.class);
    top.mapping("grace", GRACE_KEYS)
        .ifPresent(
            g -> {
              for (Cadence c : Cadence.values()) {
                g.text(c.yamlName())
                    .flatMap(v -> duration(g, c.yamlName(), v))
                    .ifPresent(d -> grace.put(c, d));
              }
            });
    List<MaintenanceItem> items = new ArrayList<>();
    if (!top.has("items")) {
      top.missing("items");
    } else if (!(top.node("items").get() instanceof SequenceNode sequence)) {
      top.error("items", "expected a list of chores");
    } else {
      Set<String> ids = new HashSet<>();
      List<Node> nodes = sequence.getValue();
      for (int i = 0; i < nodes.size(); i++) {
        if (!(nodes.get(i) instanceof MappingNode map)) {
          problems.add(nodes.get(i), "item[" + i + "]", "item", "expected a mapping");
          continue;
        }
        YamlMapping f = new YamlMapping(problems, label(i, map), "", map, ITEM_KEYS);
        item(f)
            .ifPresent(
                item -> {
                  if (!ids.add(item.id())) {
                    f.error("id", "duplicate");
                  } else {
                    items.add(item);
                  }
                });
      }
    }
    return new Checklist(items, grace);
  }

  private static Optional<MaintenanceItem> item(YamlMapping f) {
    Optional<String> id = f.requiredText("id");
    id.filter(v -> !ID.matcher(v).matches())
        .ifPresent(v -> f.error("id", YamlMapping.quoted(v) + " is not kebab-case"));
    Optional<String> title = f.requiredText("title");
    Optional<Cadence> cadence = f.requiredChoice("cadence", Cadence.values(), Cadence::yamlName);
    Optional<String> why = f.requiredText("why");
    Optional<String> how = f.requiredText("how");
    Scope scope =
        f.has("scope")
            ? f.choice("scope", Scope.values(), Scope::yamlName).orElse(Scope.ENVIRONMENT)
            : Scope.ENVIRONMENT;
    List<String> environments =
        f.has("environments") ? f.texts("environments").orElse(List.of()) : List.of();
    boolean critical = f.has("critical") && f.bool("critical").orElse(false);
    Optional<CheckKind> check =
        f.has("check")
            ? f.choice("check", CheckKind.values(), CheckKind::yamlName)
            : Optional.empty();
    if (scope == Scope.GLOBAL && !environments.isEmpty()) {
      f.error("environments", "a global chore is done once for every environment; remove it");
    }
    if (scope == Scope.GLOBAL && critical) {
      f.error("critical", "alarms belong to an environment; a global chore cannot raise one");
    }
    if (scope == Scope.GLOBAL && check.isPresent()) {
      f.error("check", "checks read an environment; a global chore cannot have one");
    }
    if (f.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(
        new MaintenanceItem(
            id.get(),
            title.get(),
            cadence.get(),
            why.get().strip(),
            how.get().strip(),
            scope == Scope.GLOBAL,
            environments,
            critical,
            check));
  }

  private static Optional<Duration> duration(YamlMapping f, String key, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      f.error(key, YamlMapping.quoted(value) + " is not a duration such as 2d or 12h");
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
  }

  /** {@code item[2] (review-security-groups)}, or {@code item[2]} while the id is unusable. */
  private static String label(int index, MappingNode map) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k
          && k.getValue().equals("id")
          && t.getValueNode() instanceof ScalarNode v
          && ID.matcher(v.getValue()).matches()) {
        return "item[" + index + "] (" + v.getValue() + ")";
      }
    }
    return "item[" + index + "]";
  }
}
