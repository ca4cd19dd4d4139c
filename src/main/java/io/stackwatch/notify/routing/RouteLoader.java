package io.stackwatch.notify.routing;

import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Severity;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.datafile.FileProblems;
import io.stackwatch.datafile.YamlMapping;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the routing tree from {@value #FILE}, as the rule loader reads rules: YAML nodes with their
 * lines, unknown keys refused, every problem of the file collected into one {@link
 * DataFileException} naming file, line, route and field, such as {@code alarms/routes.yaml:7
 * route.routes[0] match.category: "costs" is not one of health, cost, maintenance}.
 *
 * <pre>
 * route:                          # the root: every alarm enters here
 *   topic: alerts                 # alerts | notifications: the environment's topic
 *   format: text                  # optional: text | chatbot; default the topic's own format
 *   group-wait: 30s               # optional; default stackwatch.notify.group-wait
 *   group-interval: 5m            # optional; default stackwatch.notify.group-interval
 *   repeat-interval:              # optional; default stackwatch.notify.repeat-interval.*
 *     critical: 4h                #   or one duration for every severity
 *     warning: 12h
 *     info: never
 *   routes:                       # optional, tried in order; a child inherits what it leaves out
 *     - match: {category: cost}   # equality on environment, severity, category, alarm
 *       match-re: {environment: "prod|staging"}   # a regular expression, anchored at both ends
 *       topic: notifications
 *       continue: false           # true: the siblings after it are tried too
 * </pre>
 */
public final class RouteLoader {

  /**
   * The routing tree's file, beside the alarm rules, in the jar and the configuration directory.
   */
  public static final String FILE = "alarms/routes.yaml";

  private static final List<String> FILE_KEYS = List.of("route");
  private static final List<String> ROUTE_KEYS =
      List.of(
          "match",
          "match-re",
          "continue",
          "topic",
          "format",
          "group-wait",
          "group-interval",
          "repeat-interval",
          "routes");
  private static final List<String> REPEAT_KEYS =
      Arrays.stream(Severity.values()).map(Severity::yamlName).toList();

  private RouteLoader() {}

  /**
   * The tree in force: {@value #FILE}, or the default root alone (every alarm to its environment's
   * alerts topic) when an empty file in the configuration directory removes the shipped one.
   *
   * @param environments the environments there are, which an equality on {@code environment} must
   *     name
   * @throws DataFileException naming every problem found
   */
  public static RouteSpec load(DataFiles files, Collection<String> environments) {
    return files.file(FILE).map(f -> loadData(f, environments)).orElse(RouteSpec.defaultRoot());
  }

  /**
   * @throws DataFileException naming every problem found
   */
  public static RouteSpec loadData(DataFile file, Collection<String> environments) {
    FileProblems problems = new FileProblems(file);
    Optional<RouteSpec> root = read(problems, environments);
    if (problems.count() > 0 || root.isEmpty()) {
      throw new DataFileException(problems.inLineOrder());
    }
    return root.get();
  }

  private static Optional<RouteSpec> read(FileProblems problems, Collection<String> environments) {
    Optional<Node> composed = YamlMapping.compose(problems);
    if (composed.isEmpty()) {
      return Optional.empty();
    }
    if (composed.get() instanceof ScalarNode empty && empty.getValue().isEmpty()) {
      problems.add(1, "", "route", "missing");
      return Optional.empty();
    }
    if (!(composed.get() instanceof MappingNode rootMap)) {
      problems.add(composed.get(), "", "route", "missing (the file is a mapping with a route)");
      return Optional.empty();
    }
    YamlMapping top = new YamlMapping(problems, "", "", rootMap, FILE_KEYS);
    if (!top.has("route")) {
      top.missing("route");
      return Optional.empty();
    }
    if (!(top.node("route").get() instanceof MappingNode route)) {
      top.error("route", "expected a mapping: the root route");
      return Optional.empty();
    }
    return route(new YamlMapping(problems, "route", "", route, ROUTE_KEYS), true, environments);
  }

  /** A route and its children; empty when anything of it is unusable (the problem recorded). */
  private static Optional<RouteSpec> route(
      YamlMapping f, boolean root, Collection<String> environments) {
    if (root) {
      for (String key : List.of("match", "match-re", "continue")) {
        if (f.has(key)) {
          f.error(key, "not on the root route, which takes every alarm");
        }
      }
    }
    List<Matcher> matchers = new ArrayList<>();
    matchers.addAll(matchers(f, "match", false, environments));
    matchers.addAll(matchers(f, "match-re", true, environments));
    boolean continueMatching = f.has("continue") && f.bool("continue").orElse(false);
    Optional<Purpose> topic =
        f.has("topic")
            ? f.choice("topic", Purpose.values(), p -> p.name().toLowerCase(Locale.ROOT))
            : Optional.empty();
    Optional<TopicFormat> format =
        f.has("format")
            ? f.choice("format", TopicFormat.values(), t -> t.name().toLowerCase(Locale.ROOT))
            : Optional.empty();
    Optional<Duration> groupWait = duration(f, "group-wait", true);
    Optional<Duration> groupInterval = duration(f, "group-interval", false);
    Map<Severity, Optional<Duration>> repeat = repeat(f);
    List<RouteSpec> children = new ArrayList<>();
    if (f.has("routes")) {
      if (!(f.node("routes").get() instanceof SequenceNode sequence)) {
        f.error("routes", "expected a list of routes");
      } else {
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
          String label = f.rule() + ".routes[" + i + "]";
          if (!(items.get(i) instanceof MappingNode map)) {
            f.problems().add(items.get(i), label, "route", "expected a mapping");
            continue;
          }
          route(new YamlMapping(f.problems(), label, "", map, ROUTE_KEYS), false, environments)
              .ifPresent(children::add);
        }
      }
    }
    if (f.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(
        new RouteSpec(
            matchers,
            continueMatching,
            topic,
            format,
            groupWait,
            groupInterval,
            repeat,
            children,
            FileProblems.lineOf(f.mappingNode())));
  }

  private static List<Matcher> matchers(
      YamlMapping f, String key, boolean regex, Collection<String> environments) {
    List<Matcher> out = new ArrayList<>();
    Optional<List<NodeTuple>> entries = f.entries(key);
    if (entries.isEmpty()) {
      return out;
    }
    if (entries.get().isEmpty()) {
      f.error(key, "empty: name at least one of " + String.join(", ", RouteLabels.NAMES));
    }
    for (NodeTuple t : entries.get()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        f.error(t.getKeyNode(), key, "expected label: value pairs");
        continue;
      }
      String label = k.getValue();
      String field = key + "." + label;
      if (!RouteLabels.NAMES.contains(label)) {
        f.error(
            k,
            field,
            "unknown label (expected one of " + String.join(", ", RouteLabels.NAMES) + ")");
        continue;
      }
      if (!(t.getValueNode() instanceof ScalarNode v) || v.getValue().isEmpty()) {
        f.error(t.getValueNode(), field, "expected a value");
        continue;
      }
      String value = v.getValue();
      if (regex) {
        try {
          out.add(Matcher.regex(label, value));
        } catch (PatternSyntaxException e) {
          f.error(
              v,
              field,
              YamlMapping.quoted(value)
                  + " is not a regular expression: "
                  + e.getDescription()
                  + " near index "
                  + e.getIndex());
        }
        continue;
      }
      Optional<String> problem = unknownValue(label, value, environments);
      if (problem.isPresent()) {
        f.error(v, field, problem.get());
      } else {
        out.add(Matcher.equal(label, value));
      }
    }
    return out;
  }

  /** Why an equality can never hold: a severity, category or environment that does not exist. */
  private static Optional<String> unknownValue(
      String label, String value, Collection<String> environments) {
    List<String> known =
        switch (label) {
          case "severity" -> Arrays.stream(Severity.values()).map(Severity::yamlName).toList();
          case "category" -> Arrays.stream(Category.values()).map(Category::key).toList();
          case "environment" -> List.copyOf(environments);
          default -> List.of();
        };
    if (known.isEmpty() || known.contains(value)) {
      return Optional.empty();
    }
    return Optional.of(
        YamlMapping.quoted(value)
            + " is not one of "
            + String.join(", ", known)
            + (label.equals("environment") ? "" : " (use match-re for a pattern)"));
  }

  private static Optional<Duration> duration(YamlMapping f, String key, boolean zeroAllowed) {
    if (!f.has(key)) {
      return Optional.empty();
    }
    return f.text(key).flatMap(v -> duration(f, f.node(key).get(), key, v, zeroAllowed));
  }

  private static Optional<Duration> duration(
      YamlMapping f, Node at, String field, String value, boolean zeroAllowed) {
    Optional<Duration> d = f.duration(at, field, value);
    if (d.isPresent() && d.get().isZero() && !zeroAllowed) {
      f.error(at, field, "must be longer than 0");
      return Optional.empty();
    }
    return d;
  }

  /**
   * {@code repeat-interval}: one duration for every severity, or one per severity; {@code never}
   * only for info, as an info alarm is told once by default.
   */
  private static Map<Severity, Optional<Duration>> repeat(YamlMapping f) {
    Map<Severity, Optional<Duration>> out = new EnumMap<>(Severity.class);
    if (!f.has("repeat-interval")) {
      return out;
    }
    Node node = f.node("repeat-interval").get();
    if (node instanceof ScalarNode s) {
      duration(f, s, "repeat-interval", s.getValue(), false)
          .ifPresent(
              d -> Arrays.stream(Severity.values()).forEach(v -> out.put(v, Optional.of(d))));
      return out;
    }
    f.mapping("repeat-interval", REPEAT_KEYS)
        .ifPresent(
            m -> {
              for (Severity severity : Severity.values()) {
                String key = severity.yamlName();
                if (!m.has(key)) {
                  continue;
                }
                Node at = m.node(key).get();
                Optional<String> text = m.text(key);
                if (text.isEmpty()) {
                  continue;
                }
                if (text.get().equals("never")) {
                  if (severity == Severity.INFO) {
                    out.put(severity, Optional.empty());
                  } else {
                    m.error(key, "never: only info alarms may be told once; give a duration");
                  }
                  continue;
                }
                duration(m, at, key, text.get(), false)
                    .ifPresent(d -> out.put(severity, Optional.of(d)));
              }
            });
    return out;
  }
}
