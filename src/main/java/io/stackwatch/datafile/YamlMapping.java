package io.stackwatch.datafile;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of a rule file, its keys checked against those allowed there. Reads are typed
 * and record a problem, returning empty, when a value is unusable, so a rule's every problem is
 * found in one pass.
 */
public final class YamlMapping {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,9}");

  private final FileProblems problems;
  private final String rule;
  private final String prefix;
  private final MappingNode node;
  private final Map<String, Node> values = new LinkedHashMap<>();
  private final int problemsBefore;

  /**
   * @param rule the rule label for messages, such as {@code rule[2] (rds-cpu-high)}
   * @param prefix the path of this mapping for field names, such as {@code metric.}
   */
  public YamlMapping(
      FileProblems problems, String rule, String prefix, MappingNode node, List<String> allowed) {
    this.problems = problems;
    this.rule = rule;
    this.prefix = prefix;
    this.node = node;
    this.problemsBefore = problems.count();
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(t.getKeyNode(), rule, prefix + "?", "keys must be text");
        continue;
      }
      String key = k.getValue();
      if (values.containsKey(key)) {
        problems.add(k, rule, prefix + key, "duplicate key");
      } else if (!allowed.contains(key)) {
        problems.add(
            k,
            rule,
            prefix + key,
            "unknown key (expected one of " + String.join(", ", allowed) + ")");
      } else {
        values.put(key, t.getValueNode());
      }
    }
  }

  /** The item these fields belong to, such as {@code rule[2] (rds-cpu-high)}. */
  public String rule() {
    return rule;
  }

  /** Where its problems are recorded. */
  public FileProblems problems() {
    return problems;
  }

  /** The mapping itself, for its line. */
  public MappingNode mappingNode() {
    return node;
  }

  /**
   * The nodes of a YAML file, never objects, every node keeping its line; an empty scalar for an
   * empty file. Empty when the file is unreadable or not YAML, the problem recorded.
   */
  public static Optional<Node> compose(FileProblems problems) {
    try (Reader reader = new StringReader(problems.file().text())) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      return Optional.of(
          root == null
              ? new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN)
              : root);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      String context = e.getContext() == null ? "" : e.getContext() + ", ";
      // ">=" unquoted is a YAML block scalar header, the likeliest syntax error in a rule.
      String hint =
          context.contains("block scalar") ? " (quote comparison symbols: \">=\", \">\")" : "";
      problems.add(line, "", "yaml", context + e.getProblem() + hint);
    } catch (YAMLException | IOException e) {
      problems.add(1, "", "file", "cannot read: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Whether anything in this mapping or read through it was unusable. */
  public boolean hasProblems() {
    return problems.count() > problemsBefore;
  }

  /** A nested mapping with its own allowed keys. */
  public Optional<YamlMapping> mapping(String key, List<String> allowed) {
    return node(key)
        .flatMap(
            n -> {
              if (n instanceof MappingNode m) {
                return Optional.of(child(key, m, allowed));
              }
              error(key, "expected a mapping");
              return Optional.empty();
            });
  }

  /** A mapping nested at {@code path}, such as {@code environments.dev}. */
  public YamlMapping child(String path, MappingNode mapping, List<String> allowed) {
    return new YamlMapping(problems, rule, prefix + path + ".", mapping, allowed);
  }

  /** The raw entries of a nested mapping whose keys are names, such as environments. */
  public Optional<List<NodeTuple>> entries(String key) {
    return node(key)
        .flatMap(
            n -> {
              if (n instanceof MappingNode m) {
                return Optional.of(m.getValue());
              }
              error(key, "expected a mapping");
              return Optional.empty();
            });
  }

  public void error(String key, String problem) {
    problems.add(values.getOrDefault(key, node), rule, prefix + key, problem);
  }

  public void error(Node at, String field, String problem) {
    problems.add(at, rule, prefix + field, problem);
  }

  /** Reports a missing key at the start of this mapping. */
  public void missing(String key) {
    problems.add(node, rule, prefix + key, "missing");
  }

  /** The value, unless absent or written empty ({@code key:} or {@code ~}). */
  public Optional<Node> node(String key) {
    Node value = values.get(key);
    if (value instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
      return Optional.empty();
    }
    return Optional.ofNullable(value);
  }

  public boolean has(String key) {
    return node(key).isPresent();
  }

  public Optional<String> text(String key) {
    return node(key)
        .flatMap(
            n -> {
              if (n instanceof ScalarNode s) {
                return Optional.of(s.getValue());
              }
              error(key, "expected text");
              return Optional.empty();
            });
  }

  public Optional<String> requiredText(String key) {
    if (!has(key)) {
      missing(key);
      return Optional.empty();
    }
    Optional<String> value = text(key);
    if (value.isPresent() && value.get().isBlank()) {
      error(key, "must not be empty");
      return Optional.empty();
    }
    return value;
  }

  public Optional<Double> number(String key) {
    return text(key)
        .flatMap(
            v -> {
              if (NUMBER.matcher(v).matches()) {
                return Optional.of(Double.parseDouble(v));
              }
              error(key, quoted(v) + " is not a number");
              return Optional.empty();
            });
  }

  /** A duration such as {@code 30s}, {@code 5m}, {@code 4h} or {@code 1d}, if the key is given. */
  public Optional<Duration> duration(String key) {
    return text(key).flatMap(v -> duration(node(key).get(), key, v));
  }

  /** A duration written at a node: {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}. */
  public Optional<Duration> duration(Node at, String field, String value) {
    java.util.regex.Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      error(at, field, quoted(value) + " is not a duration such as 30s, 5m, 4h or 1d");
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
  }

  public Optional<Integer> positive(String key) {
    return text(key)
        .flatMap(
            v -> {
              if (!WHOLE.matcher(v).matches()) {
                error(key, quoted(v) + " is not a whole number");
                return Optional.empty();
              }
              int i = Integer.parseInt(v);
              if (i < 1) {
                error(key, i + " must be at least 1");
                return Optional.empty();
              }
              return Optional.of(i);
            });
  }

  public Optional<Boolean> bool(String key) {
    return text(key)
        .flatMap(
            v -> {
              if (v.equals("true") || v.equals("false")) {
                return Optional.of(Boolean.parseBoolean(v));
              }
              error(key, quoted(v) + " is not true or false");
              return Optional.empty();
            });
  }

  /** One of a closed set of spellings, such as an enum's. */
  public <T> Optional<T> choice(String key, T[] options, Function<T, String> spelling) {
    return text(key)
        .flatMap(
            v -> {
              Optional<T> chosen =
                  Arrays.stream(options).filter(o -> spelling.apply(o).equals(v)).findFirst();
              if (chosen.isEmpty()) {
                error(
                    key, quoted(v) + " is not one of " + spellings(options, spelling) + hint(key));
              }
              return chosen;
            });
  }

  public <T> Optional<T> requiredChoice(String key, T[] options, Function<T, String> spelling) {
    if (!has(key)) {
      missing(key);
      return Optional.empty();
    }
    return choice(key, options, spelling);
  }

  /** A list of texts. */
  public Optional<List<String>> texts(String key) {
    return node(key)
        .flatMap(
            n -> {
              if (n instanceof SequenceNode seq
                  && seq.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
                return Optional.of(
                    seq.getValue().stream().map(v -> ((ScalarNode) v).getValue()).toList());
              }
              error(key, "expected a list of names");
              return Optional.empty();
            });
  }

  /** A mapping of texts to non-empty texts. */
  public Map<String, String> textPairs(String key) {
    Map<String, String> pairs = new LinkedHashMap<>();
    entries(key)
        .ifPresent(
            tuples -> {
              for (NodeTuple t : tuples) {
                if (t.getKeyNode() instanceof ScalarNode k
                    && t.getValueNode() instanceof ScalarNode v
                    && !v.getValue().isEmpty()) {
                  pairs.put(k.getValue(), v.getValue());
                } else {
                  error(t.getKeyNode(), key, "expected name: text pairs");
                }
              }
            });
    return pairs;
  }

  /** A bare {@code >} in YAML starts folded text, which reads as empty: say so. */
  private String hint(String key) {
    return values.get(key) instanceof ScalarNode s
            && s.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED
        ? " (a bare > starts folded text in YAML: quote it, \">\")"
        : "";
  }

  public static String quoted(String value) {
    return "\"" + value + "\"";
  }

  private static <T> String spellings(T[] options, Function<T, String> spelling) {
    return Arrays.stream(options).map(spelling).collect(Collectors.joining(", "));
  }
}
