package io.stackwatch.alarm;

import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.dashboard.Expression;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.datafile.FileProblems;
import io.stackwatch.datafile.YamlMapping;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Reads alarm rules from YAML files. Files are read as YAML nodes, never as objects, so every
 * problem can name its line; every problem of a load is collected into one {@link
 * DataFileException} rather than stopping at the first, and unknown keys are errors, so a typo
 * never silently drops a setting.
 *
 * <pre>
 * rules:
 *   - id: rds-cpu-high                 # unique across files, kebab-case
 *     title: Database CPU above 80 %
 *     severity: critical               # critical | warning | info
 *     metric:                          # or  series: api.5xx_ratio
 *                                      # or  expr: 100 * api.5xx / api.requests (with unit:)
 *       namespace: AWS/RDS
 *       name: CPUUtilization
 *       statistic: Average             # Average | Sum | Minimum | Maximum | SampleCount | p99 ...
 *       period: 60                     # seconds
 *       dimensions: [DBInstanceIdentifier]   # optional: exact dimension names, [] for none
 *       dimension-filter: {}           # optional: dimension name to glob, such as "orders-*"
 *       resource: dead-letter-queue    # optional: only series of this kind of resource
 *     comparison: ">"                  # ">" | ">=" | "<" | "<=" | increasing | decreasing
 *     threshold: 80                    # not with increasing / decreasing
 *     percent-of: allocated-storage    # optional: allocated-storage | lambda-concurrency-limit
 *     evaluation-periods: 3            # N
 *     datapoints-to-alarm: 3           # M, default N
 *     treat-missing-data: missing      # missing | notBreaching | breaching | ignore
 *     runbook: What to check first.
 *     category: cost                   # optional: health | cost | maintenance; default from what
 *                                      # the rule reads (Cost Explorer's verdicts: cost, ...)
 *     environments:                    # optional overrides per environment
 *       dev: {enabled: false}          # enabled, threshold, evaluation-periods,
 *                                      # datapoints-to-alarm, severity
 * </pre>
 */
public final class RuleLoader {

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern SERIES_ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** CloudWatch's limit on period x evaluation periods when the period is under an hour. */
  private static final int ONE_DAY_SECONDS = 86_400;

  private static final List<String> FILE_KEYS = List.of("rules");
  private static final List<String> RULE_KEYS =
      List.of(
          "id",
          "title",
          "severity",
          "metric",
          "series",
          "expr",
          "unit",
          "comparison",
          "threshold",
          "percent-of",
          "evaluation-periods",
          "datapoints-to-alarm",
          "treat-missing-data",
          "runbook",
          "category",
          "environments");
  private static final List<String> METRIC_KEYS =
      List.of(
          "namespace", "name", "statistic", "period", "dimensions", "dimension-filter", "resource");
  private static final List<String> OVERRIDE_KEYS =
      List.of("enabled", "threshold", "evaluation-periods", "datapoints-to-alarm", "severity");

  /** The maintenance checklist, which lives beside the rules but is not one. */
  public static final String MAINTENANCE_FILE = "maintenance.yaml";

  /** The alert routes ({@code notify.routing}), which live beside the rules but are not ones. */
  public static final String ROUTES_FILE = "routes.yaml";

  /** The files of the rules' folder that hold no rules. */
  private static final Set<String> NOT_RULES = Set.of(MAINTENANCE_FILE, ROUTES_FILE);

  /** The folder of the rule files, in the jar and in the configuration directory. */
  public static final String FOLDER = "alarms";

  private RuleLoader() {}

  /**
   * Every rule of the rule files in force ({@code alarms/*.yaml} but {@value #MAINTENANCE_FILE} and
   * {@value #ROUTES_FILE}), files in name order.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<AlarmRule> load(DataFiles files) {
    return loadData(ruleFiles(files));
  }

  /** The rule files in force: {@code alarms/*.yaml} but the maintenance checklist and routes. */
  public static List<DataFile> ruleFiles(DataFiles files) {
    return files.folder(FOLDER).stream().filter(f -> !NOT_RULES.contains(f.fileName())).toList();
  }

  /**
   * Every rule of every {@code *.yaml} file in a directory but {@value #MAINTENANCE_FILE} and
   * {@value #ROUTES_FILE}, files in name order.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<AlarmRule> load(Path dir) {
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing
              .filter(f -> f.getFileName().toString().endsWith(".yaml"))
              .filter(f -> !NOT_RULES.contains(f.getFileName().toString()))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DataFileException(List.of(dir + ": cannot list rule files: " + e.getMessage()));
    }
    return loadFiles(files);
  }

  /**
   * Every rule of the given files, in order; ids must be unique across them.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<AlarmRule> loadFiles(List<Path> files) {
    return loadData(files.stream().map(DataFile::read).toList());
  }

  /**
   * Every rule of the given data files, in order; ids must be unique across them.
   *
   * @throws DataFileException naming every problem found
   */
  public static List<AlarmRule> loadData(List<DataFile> files) {
    List<String> errors = new ArrayList<>();
    List<AlarmRule> rules = new ArrayList<>();
    Map<String, String> firstDefined = new LinkedHashMap<>();
    for (DataFile file : files) {
      FileProblems problems = new FileProblems(file);
      List<Located> read = read(problems);
      errors.addAll(problems.inLineOrder());
      for (Located r : read) {
        String earlier = firstDefined.putIfAbsent(r.rule().id(), r.where());
        if (earlier != null) {
          errors.add(r.where() + " " + r.label() + " id: duplicate, first defined at " + earlier);
        } else {
          rules.add(r.rule());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new DataFileException(errors);
    }
    return List.copyOf(rules);
  }

  /** A valid rule and where it was written ({@code file:line}), for duplicate-id messages. */
  private record Located(AlarmRule rule, String where, String label) {}

  private static List<Located> read(FileProblems problems) {
    String file = problems.file().origin();
    Optional<Node> composed = YamlMapping.compose(problems);
    if (composed.isEmpty()) {
      return List.of();
    }
    Node root = composed.get();
    if (root instanceof ScalarNode empty && empty.getValue().isEmpty()) {
      problems.add(1, "", "rules", "missing");
      return List.of();
    }
    if (!(root instanceof MappingNode rootMap)) {
      problems.add(root, "", "rules", "missing (a rule file is a mapping with a rules list)");
      return List.of();
    }
    YamlMapping top = new YamlMapping(problems, "", "", rootMap, FILE_KEYS);
    if (!top.has("rules")) {
      top.missing("rules");
      return List.of();
    }
    if (!(top.node("rules").get() instanceof SequenceNode sequence)) {
      top.error("rules", "expected a list of rules");
      return List.of();
    }
    List<Located> located = new ArrayList<>();
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof MappingNode map)) {
        problems.add(items.get(i), "rule[" + i + "]", "rule", "expected a mapping");
        continue;
      }
      String label = label(i, map);
      int before = problems.count();
      Optional<AlarmRule> rule = rule(new YamlMapping(problems, label, "", map, RULE_KEYS));
      if (rule.isPresent() && problems.count() == before) {
        located.add(new Located(rule.get(), file + ":" + FileProblems.lineOf(map), label));
      }
    }
    return located;
  }

  /** {@code rule[2] (rds-cpu-high)}, or {@code rule[2]} while the id is unusable. */
  private static String label(int index, MappingNode map) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k
          && k.getValue().equals("id")
          && t.getValueNode() instanceof ScalarNode v
          && RULE_ID.matcher(v.getValue()).matches()) {
        return "rule[" + index + "] (" + v.getValue() + ")";
      }
    }
    return "rule[" + index + "]";
  }

  /** The rule, or empty when a field is unusable (the problem is recorded). */
  private static Optional<AlarmRule> rule(YamlMapping f) {
    Optional<String> id = f.requiredText("id").filter(v -> kebabCase(f, v));
    Optional<String> title = f.requiredText("title");
    Optional<Severity> severity =
        f.requiredChoice("severity", Severity.values(), Severity::yamlName);
    Optional<AlarmSource> source = source(f);
    Optional<Comparison> comparison =
        f.requiredChoice("comparison", Comparison.values(), Comparison::symbol);
    Optional<Comparison> trend = comparison.filter(Comparison::isTrend);
    Optional<Threshold> threshold = trend.isPresent() ? noThreshold(f, trend.get()) : threshold(f);

    Optional<Integer> n = Optional.empty();
    if (f.has("evaluation-periods")) {
      n = f.positive("evaluation-periods");
    } else {
      f.missing("evaluation-periods");
    }
    // CloudWatch's default: every evaluated datapoint must breach.
    Optional<Integer> m = f.has("datapoints-to-alarm") ? f.positive("datapoints-to-alarm") : n;
    if (n.isPresent() && m.isPresent() && m.get() > n.get()) {
      f.error(
          "datapoints-to-alarm", m.get() + " is more than evaluation-periods (" + n.get() + ")");
    }
    Optional<MissingData> missing =
        f.has("treat-missing-data")
            ? f.choice("treat-missing-data", MissingData.values(), MissingData::yamlName)
            : Optional.of(MissingData.MISSING);
    Optional<String> runbook = f.requiredText("runbook");
    Optional<Category> category =
        f.has("category")
            ? f.choice("category", Category.values(), Category::key)
            : Optional.empty();
    Map<String, EnvironmentOverride> environments =
        environments(f, trend.isPresent(), n.orElse(1), m.orElse(1));
    if (source.orElse(null) instanceof AlarmSource.Metric metric && n.isPresent()) {
      checkSpan(f, metric, n.get(), environments);
    }

    // Every unusable field has recorded a problem; a rule with any is not built.
    if (f.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(
        new AlarmRule(
            id.get(),
            title.get(),
            severity.get(),
            source.get(),
            comparison.get(),
            threshold,
            n.get(),
            m.get(),
            missing.get(),
            runbook.get().strip(),
            environments,
            category));
  }

  private static boolean kebabCase(YamlMapping f, String id) {
    if (RULE_ID.matcher(id).matches()) {
      return true;
    }
    f.error("id", YamlMapping.quoted(id) + " must be kebab-case: a-z, 0-9 and -");
    return false;
  }

  private static Optional<Threshold> threshold(YamlMapping f) {
    if (!f.has("threshold")) {
      f.missing("threshold");
      return Optional.empty();
    }
    Optional<Double> value = f.number("threshold");
    Optional<Capacity> percentOf = f.choice("percent-of", Capacity.values(), Capacity::yamlName);
    if (f.has("percent-of") && percentOf.isEmpty()) {
      return Optional.empty();
    }
    return value.map(
        v ->
            percentOf
                .<Threshold>map(capacity -> new Threshold.PercentOf(v, capacity))
                .orElse(new Threshold.Absolute(v)));
  }

  /** A trend compares datapoints with each other: a threshold would be silently meaningless. */
  private static Optional<Threshold> noThreshold(YamlMapping f, Comparison trend) {
    for (String key : List.of("threshold", "percent-of")) {
      if (f.has(key)) {
        f.error(key, "not allowed with comparison " + trend.symbol());
      }
    }
    return Optional.empty();
  }

  private static Optional<AlarmSource> source(YamlMapping f) {
    long sources = Stream.of("metric", "series", "expr").filter(f::has).count();
    if (sources > 1) {
      f.error(
          f.has("expr") ? "expr" : "series",
          "not allowed together with "
              + (f.has("metric") ? "metric" : "series")
              + "; a rule reads one of metric, series or expr");
      return Optional.empty();
    }
    if (f.has("unit") && !f.has("expr")) {
      f.error("unit", "only with expr: a metric or a series has its own unit");
    }
    if (f.has("expr")) {
      Optional<String> text = f.text("expr");
      Optional<Unit> unit = f.requiredChoice("unit", Unit.values(), Unit::key);
      if (text.isEmpty() || unit.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new AlarmSource.Math(Expression.parse(text.get()), text.get(), unit.get()));
      } catch (IllegalArgumentException e) {
        f.error("expr", e.getMessage());
        return Optional.empty();
      }
    }
    if (f.has("series")) {
      Optional<String> id = f.text("series");
      id.filter(v -> !SERIES_ID.matcher(v).matches())
          .ifPresent(v -> f.error("series", YamlMapping.quoted(v) + " is not a series id"));
      return id.filter(v -> SERIES_ID.matcher(v).matches()).map(AlarmSource.SeriesRef::new);
    }
    if (!f.has("metric")) {
      f.missing("metric, series or expr");
      return Optional.empty();
    }
    return f.mapping("metric", METRIC_KEYS).flatMap(RuleLoader::metric);
  }

  private static Optional<AlarmSource> metric(YamlMapping f) {
    Optional<String> namespace = f.requiredText("namespace");
    Optional<String> name = f.requiredText("name");
    Optional<String> statistic =
        f.requiredText("statistic")
            .filter(
                s -> {
                  if (MetricStat.isStatistic(s)) {
                    return true;
                  }
                  f.error(
                      "statistic",
                      YamlMapping.quoted(s)
                          + " is not a CloudWatch statistic (SampleCount, Average, Sum, Minimum,"
                          + " Maximum, IQM, a percentile such as p99, a trimmed mean such as tm90"
                          + " or TM(10%:90%))");
                  return false;
                });
    Optional<Integer> period = Optional.empty();
    if (f.has("period")) {
      period =
          f.positive("period")
              .filter(
                  p -> {
                    if (p == 10 || p == 20 || p == 30 || p % 60 == 0) {
                      return true;
                    }
                    f.error("period", p + " must be 10, 20, 30 or a multiple of 60 seconds");
                    return false;
                  });
    } else {
      f.missing("period");
    }
    Optional<Set<String>> dimensions = f.texts("dimensions").map(Set::copyOf);
    Map<String, String> filter = f.textPairs("dimension-filter");
    Optional<ResourceKind> resource =
        f.has("resource")
            ? f.choice("resource", ResourceKind.values(), ResourceKind::yamlName)
            : Optional.empty();
    if (f.hasProblems()) {
      return Optional.empty();
    }
    return Optional.of(
        new AlarmSource.Metric(
            namespace.get(),
            name.get(),
            statistic.get(),
            period.get(),
            dimensions,
            filter,
            resource));
  }

  private static Map<String, EnvironmentOverride> environments(
      YamlMapping f, boolean trend, int ruleN, int ruleM) {
    Map<String, EnvironmentOverride> overrides = new LinkedHashMap<>();
    for (NodeTuple t : f.entries("environments").orElse(List.of())) {
      String env = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
      if (!ENVIRONMENT.matcher(env).matches()) {
        f.error(
            t.getKeyNode(),
            "environments",
            YamlMapping.quoted(env)
                + " is not an environment name: a-z, 0-9 and -, starting with a letter");
        continue;
      }
      if (overrides.containsKey(env)) {
        f.error(t.getKeyNode(), "environments." + env, "duplicate key");
        continue;
      }
      if (!(t.getValueNode() instanceof MappingNode map)) {
        f.error(t.getValueNode(), "environments." + env, "expected a mapping");
        continue;
      }
      overrides.put(
          env, override(f.child("environments." + env, map, OVERRIDE_KEYS), trend, ruleN, ruleM));
    }
    return overrides;
  }

  private static EnvironmentOverride override(YamlMapping o, boolean trend, int ruleN, int ruleM) {
    if (trend && o.has("threshold")) {
      o.error("threshold", "not allowed with a trend");
    }
    Optional<Integer> n = o.positive("evaluation-periods");
    Optional<Integer> m = o.positive("datapoints-to-alarm");
    // An override changes only what it names: a new N keeps the rule's M.
    int effectiveN = n.orElse(ruleN);
    int effectiveM = m.orElse(ruleM);
    if (effectiveM > effectiveN) {
      if (m.isPresent()) {
        o.error(
            "datapoints-to-alarm",
            effectiveM + " is more than evaluation-periods (" + effectiveN + ")");
      } else {
        o.error(
            "evaluation-periods",
            effectiveN + " is less than datapoints-to-alarm (" + effectiveM + ")");
      }
    }
    return new EnvironmentOverride(
        o.bool("enabled"),
        trend ? Optional.empty() : o.number("threshold"),
        n,
        m,
        o.choice("severity", Severity.values(), Severity::yamlName));
  }

  /** CloudWatch refuses alarms spanning more than a day when their period is under an hour. */
  private static void checkSpan(
      YamlMapping f,
      AlarmSource.Metric metric,
      int n,
      Map<String, EnvironmentOverride> environments) {
    if (metric.periodSeconds() >= 3600) {
      return;
    }
    int longest =
        environments.values().stream()
            .map(EnvironmentOverride::evaluationPeriods)
            .flatMap(Optional::stream)
            .reduce(n, Math::max);
    if ((long) longest * metric.periodSeconds() > ONE_DAY_SECONDS) {
      f.error(
          "evaluation-periods",
          longest
              + " periods of "
              + metric.periodSeconds()
              + " s exceed one day, CloudWatch's limit for periods under an hour");
    }
  }
}
