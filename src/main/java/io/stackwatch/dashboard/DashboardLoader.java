package io.stackwatch.dashboard;

import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.datafile.FileProblems;
import io.stackwatch.datafile.YamlMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads dashboards from YAML files, as the alarm rules' loader reads alarm rules: as nodes, so
 * every problem names file, line, panel and field; every problem of a load collected into one
 * {@link DataFileException}; unknown keys are errors; and a series no environment offers is an
 * error, so a typo never leaves a panel silently empty.
 *
 * <pre>
 * page: environment                  # environment (the default) | overview (key numbers on /)
 * sections:
 *   - id: database                   # kebab-case
 *     title: Database
 *     panels:
 *       - id: db-cpu                 # unique on its page, kebab-case
 *         title: Database CPU
 *         series: rds.cpu            # a series id, a pattern (lambda.*.errors) or a list of them
 *         # expr: 100 * api.5xx / api.requests   # or metric math instead of series
 *         unit: percent              # percent | count | per-minute | seconds | milliseconds |
 *                                    # bytes | usd; default: the first series' unit
 *         kind: line                 # line | area | stat | budget
 *         thresholds: {warning: 70, critical: 85}   # colour the value; below: true for minimums
 *         environments: [prod, staging]             # optional: where it is shown
 *         refresh: 1h                # optional: how fresh its series must be; default
 *                                    # stackwatch.poll.slow-interval, never faster than the poll
 *         description: One sentence under the title.
 * </pre>
 */
public final class DashboardLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]*");

  private static final List<String> FILE_KEYS = List.of("page", "sections");
  private static final List<String> SECTION_KEYS = List.of("id", "title", "panels");
  private static final List<String> PANEL_KEYS =
      List.of(
          "id",
          "title",
          "description",
          "series",
          "expr",
          "unit",
          "kind",
          "thresholds",
          "environments",
          "refresh");
  private static final List<String> LEVEL_KEYS = List.of("warning", "critical", "below");

  /** The folder of the dashboard files, in the jar and in the configuration directory. */
  public static final String FOLDER = "dashboards";

  private DashboardLoader() {}

  /**
   * Every dashboard of the files in force ({@code dashboards/*.yaml}), files in name order.
   *
   * @param offered every series id stackwatch can collect in some environment
   * @throws DataFileException naming every problem found
   */
  public static List<Dashboard> load(DataFiles files, Set<String> offered) {
    return loadData(files.folder(FOLDER), offered);
  }

  /**
   * Every dashboard of every {@code *.yaml} file in a directory, files in name order.
   *
   * @param offered every series id stackwatch can collect in some environment
   * @throws DataFileException naming every problem found
   */
  public static List<Dashboard> load(Path dir, Set<String> offered) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(f -> f.getFileName().toString().endsWith(".yaml"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DataFileException(
          List.of(dir + ": cannot list dashboard files: " + e.getMessage()));
    }
    return loadFiles(files, offered);
  }

  /**
   * The dashboards of the given files, in order; panel ids must be unique on each page.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<Dashboard> loadFiles(List<Path> files, Set<String> offered) {
    return loadData(files.stream().map(DataFile::read).toList(), offered);
  }

  /**
   * The dashboards of the given data files, in order; panel ids must be unique on each page.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<Dashboard> loadData(List<DataFile> files, Set<String> offered) {
    List<String> errors = new ArrayList<>();
    List<Dashboard> dashboards = new ArrayList<>();
    Map<String, String> firstDefined = new HashMap<>();
    for (DataFile file : files) {
      FileProblems problems = new FileProblems(file);
      Optional<Dashboard> d = read(problems, offered, firstDefined);
      errors.addAll(problems.inLineOrder());
      d.ifPresent(dashboards::add);
    }
    if (!errors.isEmpty()) {
      throw new DataFileException(errors);
    }
    return List.copyOf(dashboards);
  }

  private static Optional<Dashboard> read(
      FileProblems problems, Set<String> offered, Map<String, String> firstDefined) {
    Optional<Node> composed = YamlMapping.compose(problems);
    if (composed.isEmpty()) {
      return Optional.empty();
    }
    if (!(composed.get() instanceof MappingNode rootMap)) {
      problems.add(
          composed.get(), "", "sections", "missing (a dashboard file is a mapping with sections)");
      return Optional.empty();
    }
    int before = problems.count();
    YamlMapping top = new YamlMapping(problems, "", "", rootMap, FILE_KEYS);
    Dashboard.Page page =
        top.has("page")
            ? top.choice("page", Dashboard.Page.values(), Dashboard.Page::yamlName)
                .orElse(Dashboard.Page.ENVIRONMENT)
            : Dashboard.Page.ENVIRONMENT;
    List<Section> sections = new ArrayList<>();
    for (Map.Entry<Integer, MappingNode> s : items(top, "sections", "section").entrySet()) {
      String label = label("section", s.getKey(), s.getValue(), "");
      YamlMapping f = new YamlMapping(problems, label, "", s.getValue(), SECTION_KEYS);
      Optional<String> id = id(f);
      Optional<String> title = f.requiredText("title");
      List<Panel> panels = new ArrayList<>();
      for (Map.Entry<Integer, MappingNode> p : items(f, "panels", "panel").entrySet()) {
        String panelLabel = label("panel", p.getKey(), p.getValue(), label + " ");
        YamlMapping pf = new YamlMapping(problems, panelLabel, "", p.getValue(), PANEL_KEYS);
        panel(pf, offered)
            .ifPresent(
                panel -> {
                  String where = problems.file().origin() + ":" + FileProblems.lineOf(p.getValue());
                  String key = page.yamlName() + "/" + panel.id();
                  String earlier = firstDefined.putIfAbsent(key, where);
                  if (earlier != null) {
                    pf.error(
                        "id",
                        "duplicate on the "
                            + page.yamlName()
                            + " page, first defined at "
                            + earlier);
                  } else {
                    panels.add(panel);
                  }
                });
      }
      if (id.isPresent() && title.isPresent()) {
        sections.add(new Section(id.get(), title.get(), panels));
      }
    }
    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new Dashboard(problems.file().origin(), page, sections));
  }

  /** The mappings of a required list, by index; a problem recorded for anything else. */
  private static Map<Integer, MappingNode> items(YamlMapping f, String key, String item) {
    Map<Integer, MappingNode> items = new java.util.LinkedHashMap<>();
    if (!f.has(key)) {
      f.missing(key);
      return items;
    }
    if (!(f.node(key).get() instanceof SequenceNode sequence)) {
      f.error(key, "expected a list of " + item + "s");
      return items;
    }
    List<Node> nodes = sequence.getValue();
    if (nodes.isEmpty()) {
      f.error(key, "must not be empty");
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) instanceof MappingNode m) {
        items.put(i, m);
      } else {
        f.error(nodes.get(i), key + "[" + i + "]", "expected a mapping");
      }
    }
    return items;
  }

  /** {@code panel[2] (db-cpu)}, or {@code panel[2]} while the id is unusable. */
  private static String label(String kind, int index, MappingNode map, String parent) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k
          && k.getValue().equals("id")
          && t.getValueNode() instanceof ScalarNode v
          && ID.matcher(v.getValue()).matches()) {
        return parent + kind + "[" + index + "] (" + v.getValue() + ")";
      }
    }
    return parent + kind + "[" + index + "]";
  }

  private static Optional<String> id(YamlMapping f) {
    return f.requiredText("id")
        .filter(
            v -> {
              if (ID.matcher(v).matches()) {
                return true;
              }
              f.error("id", YamlMapping.quoted(v) + " must be kebab-case: a-z, 0-9 and -");
              return false;
            });
  }

  private static Optional<Panel> panel(YamlMapping f, Set<String> offered) {
    Optional<String> id = id(f);
    Optional<String> title = f.requiredText("title");
    String description = f.text("description").map(String::strip).orElse("");
    ChartKind kind =
        f.has("kind")
            ? f.choice("kind", ChartKind.values(), ChartKind::yamlName).orElse(ChartKind.LINE)
            : ChartKind.LINE;
    Optional<PanelUnit> unit = f.choice("unit", PanelUnit.values(), PanelUnit::yamlName);

    List<String> series = List.of();
    Optional<Expression> expression = Optional.empty();
    if (f.has("series") && f.has("expr")) {
      f.error("expr", "not allowed together with series; a panel draws one or the other");
    } else if (f.has("series")) {
      series = series(f, offered);
    } else if (f.has("expr")) {
      expression = expression(f, offered);
      if (!f.has("unit")) {
        f.missing("unit");
      }
    } else if (kind != ChartKind.BUDGET) {
      f.missing("series or expr");
    }
    if (kind == ChartKind.BUDGET && (f.has("series") || f.has("expr"))) {
      f.error("kind", "a budget panel shows Cost Explorer's figures and reads no series");
    }
    Optional<Levels> levels = f.mapping("thresholds", LEVEL_KEYS).flatMap(DashboardLoader::levels);
    Set<String> environments = new LinkedHashSet<>();
    f.texts("environments")
        .ifPresent(
            names -> {
              for (String n : names) {
                if (!ENVIRONMENT.matcher(n).matches()) {
                  f.error(
                      "environments",
                      YamlMapping.quoted(n)
                          + " is not an environment name: a-z, 0-9 and -, starting with a letter");
                }
                environments.add(n);
              }
            });
    Optional<Duration> refresh = f.duration("refresh");
    if (refresh.isPresent() && refresh.get().isZero()) {
      f.error("refresh", "must be longer than 0");
    }
    if (f.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(
        new Panel(
            id.get(),
            title.get(),
            description,
            series,
            expression,
            f.text("expr").orElse(""),
            unit,
            kind,
            levels,
            environments,
            refresh));
  }

  private static List<String> series(YamlMapping f, Set<String> offered) {
    Node node = f.node("series").get();
    List<String> patterns;
    if (node instanceof ScalarNode) {
      patterns = f.text("series").map(List::of).orElse(List.of());
    } else {
      patterns = f.texts("series").orElse(List.of());
    }
    if (patterns.isEmpty() && !f.hasProblems()) {
      f.error("series", "must name at least one series");
    }
    for (String p : patterns) {
      if (!Expression.SERIES_PATTERN.matcher(p).matches()) {
        f.error("series", YamlMapping.quoted(p) + " is not a series id or pattern");
      } else {
        known(f, "series", p, offered);
      }
    }
    return patterns;
  }

  private static Optional<Expression> expression(YamlMapping f, Set<String> offered) {
    Optional<String> text = f.requiredText("expr");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Expression e;
    try {
      e = Expression.parse(text.get());
    } catch (IllegalArgumentException problem) {
      f.error("expr", problem.getMessage());
      return Optional.empty();
    }
    if (e.references().isEmpty()) {
      f.error("expr", "reads no series");
    }
    for (String ref : e.references()) {
      known(f, "expr", ref, offered);
    }
    return Optional.of(e);
  }

  /** A pattern that matches no series anywhere is a typo: say so at start-up. */
  private static void known(YamlMapping f, String key, String pattern, Set<String> offered) {
    if (offered.stream().noneMatch(id -> Panel.matches(pattern, id))) {
      f.error(
          key,
          YamlMapping.quoted(pattern) + " matches no series stackwatch offers in any environment");
    }
  }

  private static Optional<Levels> levels(YamlMapping f) {
    Optional<Double> warning = f.number("warning");
    Optional<Double> critical = f.number("critical");
    boolean below = f.bool("below").orElse(false);
    if (!f.has("warning") && !f.has("critical")) {
      f.missing("warning or critical");
    }
    if (warning.isPresent() && critical.isPresent()) {
      boolean ordered = below ? critical.get() <= warning.get() : critical.get() >= warning.get();
      if (!ordered) {
        f.error(
            "critical",
            critical.get()
                + (below ? " is above" : " is below")
                + " warning ("
                + warning.get()
                + ")"
                + (below ? "" : "; for minimums write below: true"));
      }
    }
    return f.hasProblems() ? Optional.empty() : Optional.of(new Levels(warning, critical, below));
  }
}
