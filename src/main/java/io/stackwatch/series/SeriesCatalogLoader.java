package io.stackwatch.series;

import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.datafile.FileProblems;
import io.stackwatch.datafile.YamlMapping;
import io.stackwatch.series.SeriesCatalog.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the series catalog from YAML files: every problem of every file named by file, line, item
 * and field, all of them in one {@link DataFileException}.
 *
 * <pre>
 * groups:
 *   - kind: cache-node                 # rds-instance | cache-node | ecs-service | lambda-function |
 *                                      # http-api | load-balancer | target-group |
 *                                      # cloudfront-distribution | queue | dead-letter-queue |
 *                                      # nat-gateway | environment
 *     namespace: AWS/ElastiCache
 *     # dimensions: {Environment: "{environment}"}   # kind environment only
 *     # period: 60                     # seconds, default 60
 *     series:
 *       - id: "cache.{name}.hits"      # {name}: the resource's short name
 *         title: "Cache hits {name}"
 *         metric: CacheHits
 *         statistic: Sum               # any CloudWatch statistic: p99, tm90, IQM, TM(10%:90%)...
 *         unit: count                  # percent | count | seconds | milliseconds | bytes
 * </pre>
 */
public final class SeriesCatalogLoader {

  private static final List<String> FILE_KEYS = List.of("groups");
  private static final List<String> GROUP_KEYS =
      List.of("kind", "namespace", "dimensions", "period", "series");
  private static final List<String> SERIES_KEYS =
      List.of("id", "title", "metric", "statistic", "unit", "period");

  private static final Pattern ID = Pattern.compile("[a-z0-9_]+(\\.([a-z0-9_]+|\\{name\\}))*");

  /** The folder of the catalog files, in the jar and in the configuration directory. */
  public static final String FOLDER = "dashboards/series";

  private SeriesCatalogLoader() {}

  /**
   * The catalog of the files in force ({@code dashboards/series/*.yaml}), in name order.
   *
   * @throws DataFileException naming every problem found
   */
  public static SeriesCatalog load(DataFiles files) {
    return loadData(files.folder(FOLDER));
  }

  /**
   * The catalog of the given files, in order.
   *
   * @throws DataFileException naming every problem found
   */
  public static SeriesCatalog load(List<Path> files) {
    return loadData(files.stream().map(DataFile::read).toList());
  }

  /**
   * The catalog of the given data files, in order.
   *
   * @throws DataFileException naming every problem found
   */
  public static SeriesCatalog loadData(List<DataFile> files) {
    List<String> errors = new ArrayList<>();
    List<Template> templates = new ArrayList<>();
    Map<String, String> firstDefined = new HashMap<>();
    for (DataFile file : files) {
      FileProblems problems = new FileProblems(file);
      read(problems, templates, firstDefined);
      errors.addAll(problems.inLineOrder());
    }
    if (!errors.isEmpty()) {
      throw new DataFileException(errors);
    }
    return new SeriesCatalog(templates);
  }

  private static void read(
      FileProblems problems, List<Template> templates, Map<String, String> firstDefined) {
    Optional<Node> composed = YamlMapping.compose(problems);
    if (composed.isEmpty()) {
      return;
    }
    if (!(composed.get() instanceof MappingNode root)) {
      problems.add(
          composed.get(), "", "groups", "missing (a series file is a mapping with groups)");
      return;
    }
    YamlMapping top = new YamlMapping(problems, "", "", root, FILE_KEYS);
    for (Map.Entry<Integer, MappingNode> g : items(top, "groups", "group").entrySet()) {
      String label = "group[" + g.getKey() + "]";
      YamlMapping group = new YamlMapping(problems, label, "", g.getValue(), GROUP_KEYS);
      Optional<ResourceKind> kind =
          group.requiredChoice("kind", ResourceKind.values(), ResourceKind::yamlName);
      Optional<String> namespace = group.requiredText("namespace");
      Map<String, String> dimensions = group.textPairs("dimensions");
      if (!dimensions.isEmpty() && kind.filter(k -> k != ResourceKind.ENVIRONMENT).isPresent()) {
        group.error(
            "dimensions",
            "only a group of kind environment names its dimensions; a resource's are its own ("
                + String.join(", ", kind.get().dimensions())
                + ")");
      }
      int period = period(group).orElse(60);
      for (Map.Entry<Integer, MappingNode> s : items(group, "series", "series").entrySet()) {
        String seriesLabel = label + " series[" + s.getKey() + "]";
        YamlMapping f = new YamlMapping(problems, seriesLabel, "", s.getValue(), SERIES_KEYS);
        Optional<String> id = f.requiredText("id").filter(i -> validId(f, i));
        Optional<String> title = f.requiredText("title");
        Optional<String> metric = f.requiredText("metric");
        Optional<String> statistic = f.requiredText("statistic").filter(st -> validStat(f, st));
        Optional<Unit> unit = f.requiredChoice("unit", Unit.values(), Unit::key);
        int ownPeriod = period(f).orElse(period);
        String where = problems.file().origin() + ":" + FileProblems.lineOf(s.getValue());
        if (id.isPresent() && kind.isPresent()) {
          // The same id may serve two kinds (queues and dead-letter queues): their names differ.
          String earlier = firstDefined.putIfAbsent(kind.get().yamlName() + " " + id.get(), where);
          if (earlier != null) {
            f.error(
                "id",
                "duplicate for kind " + kind.get().yamlName() + ", first defined at " + earlier);
            continue;
          }
        }
        if (!f.hasProblems()
            && !group.hasProblems()
            && kind.isPresent()
            && namespace.isPresent()
            && id.isPresent()
            && title.isPresent()
            && metric.isPresent()
            && statistic.isPresent()
            && unit.isPresent()) {
          templates.add(
              new Template(
                  kind.get(),
                  namespace.get(),
                  new LinkedHashMap<>(dimensions),
                  id.get(),
                  title.get(),
                  metric.get(),
                  statistic.get(),
                  unit.get(),
                  ownPeriod,
                  where));
        }
      }
    }
  }

  private static boolean validId(YamlMapping f, String id) {
    if (ID.matcher(id).matches()) {
      return true;
    }
    f.error(
        "id",
        YamlMapping.quoted(id)
            + " is not a series id: lower-case words, digits and _ joined by dots, {name} for the"
            + " resource's name (such as cache.{name}.hits)");
    return false;
  }

  private static boolean validStat(YamlMapping f, String statistic) {
    if (MetricStat.isStatistic(statistic)) {
      return true;
    }
    f.error(
        "statistic",
        YamlMapping.quoted(statistic)
            + " is not a CloudWatch statistic (SampleCount, Average, Sum, Minimum, Maximum, IQM,"
            + " a percentile such as p99, a trimmed mean such as tm90 or TM(10%:90%))");
    return false;
  }

  /** A period CloudWatch keeps: 1, 5, 10 or 30 seconds (high resolution) or a multiple of 60. */
  private static Optional<Integer> period(YamlMapping f) {
    if (!f.has("period")) {
      return Optional.empty();
    }
    return f.positive("period")
        .filter(
            p -> {
              boolean ok = p % 60 == 0 || Arrays.asList(1, 5, 10, 30).contains(p);
              if (!ok) {
                f.error(
                    "period", p + " seconds: CloudWatch takes 1, 5, 10, 30 or a multiple of 60");
              }
              return ok;
            });
  }

  /** The mappings of a required, non-empty list, by index; a problem recorded for anything else. */
  private static Map<Integer, MappingNode> items(YamlMapping f, String key, String item) {
    Map<Integer, MappingNode> items = new LinkedHashMap<>();
    if (!f.has(key)) {
      f.missing(key);
      return items;
    }
    if (!(f.node(key).get() instanceof SequenceNode sequence)) {
      f.error(key, "expected a list of " + item);
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
}
