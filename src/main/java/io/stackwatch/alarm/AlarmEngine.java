package io.stackwatch.alarm;

import io.quarkus.runtime.Startup;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.dashboard.PanelData;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.Points;
import io.stackwatch.series.SeriesCatalog;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Evaluates every alarm after each poll, from the sample store, and records each change of state.
 * Rules are loaded and bound at start-up: a broken rule file stops stackwatch with a message that
 * names file, line, rule and field. An admin may reload them; a broken file then keeps the rules in
 * force. States are resumed from the database, so a restart neither replays nor repeats a
 * transition. An environment whose data is stale is not evaluated: data that stackwatch failed to
 * fetch is not data CloudWatch lacks, and must not move an alarm.
 */
@Startup
@Singleton
public class AlarmEngine {

  private static final Logger LOG = Logger.getLogger(AlarmEngine.class);

  /** The rules in force and the alarms bound from them; replaced whole by a reload. */
  private record Bound(
      List<AlarmRule> rules,
      List<AlarmInstance> instances,
      Map<String, List<String>> keysByEnvironment) {}

  private final AlarmConfig config;
  private final DataFiles files;
  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SampleStore samples;
  private final Freshness freshness;
  private final AlarmHistory log;
  private final Clock clock;
  private final Map<String, AlarmStatus> current = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> transitions = new ConcurrentHashMap<>();
  private volatile Bound bound;

  public AlarmEngine(
      AlarmConfig config,
      DataFiles files,
      Catalog catalog,
      SeriesPlans plans,
      SampleStore samples,
      Freshness freshness,
      AlarmHistory log,
      Clock clock) {
    this.config = config;
    this.files = files;
    this.catalog = catalog;
    this.plans = plans;
    this.samples = samples;
    this.freshness = freshness;
    this.log = log;
    this.clock = clock;
    this.bound = bind(RuleLoader.load(files));
    Map<String, AlarmHistory.Stored> stored = log.states();
    Instant now = clock.instant();
    for (AlarmInstance i : bound.instances()) {
      AlarmHistory.Stored s = stored.get(i.key());
      current.put(
          i.key(),
          s == null
              ? notEvaluated(i, now)
              : new AlarmStatus(i, s.state(), s.since(), s.value(), s.reason()));
    }
    LOG.infof("%d alarm rules bound to %d alarms", bound.rules().size(), bound.instances().size());
  }

  private Bound bind(List<AlarmRule> rules) {
    unknownMetrics(rules, plans, RuleLoader.ruleFiles(files));
    List<AlarmInstance> all = new ArrayList<>();
    for (Environment env : catalog.environments()) {
      all.addAll(
          AlarmBinding.bind(
              rules, env, plans.of(env.name()).orElseThrow(), config.lambdaConcurrencyLimit()));
    }
    // Pages ask per environment: an index spares them a walk over every alarm of the estate.
    Map<String, List<String>> byEnvironment =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    AlarmInstance::environment,
                    Collectors.mapping(AlarmInstance::key, Collectors.toList())));
    return new Bound(List.copyOf(rules), List.copyOf(all), byEnvironment);
  }

  private static AlarmStatus notEvaluated(AlarmInstance i, Instant now) {
    return new AlarmStatus(
        i, AlarmState.INSUFFICIENT_DATA, now, Optional.empty(), "Not evaluated yet.");
  }

  /**
   * Reads the rule files again and binds them. An alarm that stays keeps its state and since; a new
   * one starts not evaluated; a removed one leaves the pages. A broken file changes nothing.
   *
   * @return how many rules and alarms are now in force
   * @throws DataFileException naming file, line, rule and field of every problem; the rules in
   *     force stay as they were
   */
  public synchronized Reload reload() {
    Reload r = install(bind(RuleLoader.load(files)));
    LOG.infof("Rules reloaded: %d rules bound to %d alarms", r.rules(), r.alarms());
    return r;
  }

  /**
   * Binds the rules in force again to the series plans as they now stand, after discovery found
   * resources added or gone: an alarm that stays keeps its state, a new one starts not evaluated.
   */
  public synchronized Reload rebind() {
    return install(bind(bound.rules()));
  }

  private Reload install(Bound next) {
    Instant now = clock.instant();
    Map<String, AlarmStatus> statuses = new java.util.HashMap<>();
    for (AlarmInstance i : next.instances()) {
      AlarmStatus before = current.get(i.key());
      statuses.put(
          i.key(),
          before == null
              ? notEvaluated(i, now)
              : new AlarmStatus(
                  i, before.state(), before.since(), before.value(), before.reason()));
    }
    current.putAll(statuses);
    current.keySet().retainAll(statuses.keySet());
    bound = next;
    return new Reload(next.rules().size(), next.instances().size());
  }

  /**
   * The outcome of a reload.
   *
   * @param rules rules in force
   * @param alarms alarms bound from them
   */
  public record Reload(int rules, int alarms) {}

  /**
   * A rule whose metric no environment collects would never fire: refused at start-up, naming the
   * file and line of the rule and the metrics of that namespace stackwatch does collect.
   */
  private static void unknownMetrics(
      List<AlarmRule> rules, SeriesPlans plans, List<DataFile> ruleFiles) {
    List<String> problems = new ArrayList<>();
    for (AlarmRule rule : rules) {
      if (!(rule.source() instanceof AlarmSource.Metric metric)) {
        continue;
      }
      // Whatever resources discovery finds, the catalog says what can be collected.
      boolean collected =
          plans.all().stream().flatMap(p -> p.metrics().stream()).anyMatch(metric::matches)
              || plans.catalog().templates().stream().anyMatch(t -> offers(t, metric));
      if (!collected) {
        java.util.SortedSet<String> known = new java.util.TreeSet<>();
        plans.catalog().templates().stream()
            .filter(t -> t.namespace().equals(metric.namespace()))
            .forEach(t -> known.add(t.metric() + " " + t.statistic() + "/" + t.periodSeconds()));
        problems.add(
            where(ruleFiles, rule.id())
                + " ("
                + rule.id()
                + ") metric: "
                + metric.namespace()
                + " "
                + metric.name()
                + " "
                + metric.statistic()
                + "/"
                + metric.periodSeconds()
                + " with these dimensions is in no series of the series catalog"
                + " (dashboards/series/*.yaml: add it there); "
                + (known.isEmpty()
                    ? "the catalog has nothing in " + metric.namespace()
                    : "the catalog has in "
                        + metric.namespace()
                        + ": "
                        + String.join(", ", known)));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFileException(problems);
    }
  }

  /** Whether a catalog entry yields series a metric rule reads, for some resource of its kind. */
  private static boolean offers(SeriesCatalog.Template t, AlarmSource.Metric metric) {
    java.util.Set<String> names =
        t.kind() == io.stackwatch.catalog.ResourceKind.ENVIRONMENT
            ? t.dimensions().keySet()
            : java.util.Set.copyOf(t.kind().dimensions());
    return t.namespace().equals(metric.namespace())
        && t.metric().equals(metric.name())
        && t.statistic().equals(metric.statistic())
        && t.periodSeconds() == metric.periodSeconds()
        && metric.dimensions().map(names::equals).orElse(true)
        && metric.resource().map(k -> k == t.kind()).orElse(true);
  }

  /** The file and line that define a rule id, such as {@code alarms/rds.yaml:14}. */
  private static String where(List<DataFile> ruleFiles, String id) {
    java.util.regex.Pattern definition =
        java.util.regex.Pattern.compile(
            "\\s*-?\\s*id:\\s*[\"']?" + java.util.regex.Pattern.quote(id) + "[\"']?\\s*(#.*)?");
    for (DataFile f : ruleFiles) {
      List<String> lines = f.text().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (definition.matcher(lines.get(i)).matches()) {
          return f.origin() + ":" + (i + 1);
        }
      }
    }
    return RuleLoader.FOLDER;
  }

  /** Evaluates every alarm of every fresh environment; returns the transitions it recorded. */
  public synchronized List<Transition> evaluate() {
    Instant now = clock.instant();
    List<Transition> changed = new ArrayList<>();
    for (AlarmInstance i : bound.instances()) {
      if (freshness.isStale(i.environment(), now)) {
        continue;
      }
      AlarmStatus before = current.get(i.key());
      Points points = points(i, AlarmEvaluator.rangeStart(i, now).getEpochSecond());
      Evaluation e = AlarmEvaluator.evaluate(points, i, before.state(), now);
      if (e.changes(before.state())) {
        Transition t =
            new Transition(
                i.key(),
                i.environment(),
                i.id(),
                i.rule().title(),
                i.rule().severity(),
                before.state(),
                e.state(),
                now,
                e.value(),
                e.reason());
        log.record(t);
        transitions.computeIfAbsent(i.key(), k -> new LongAdder()).increment();
        current.put(i.key(), new AlarmStatus(i, e.state(), now, e.value(), e.reason()));
        changed.add(t);
      } else {
        current.put(i.key(), new AlarmStatus(i, e.state(), before.since(), e.value(), e.reason()));
      }
    }
    return changed;
  }

  /** The points an alarm evaluates: its series', or its metric math's over theirs. */
  private Points points(AlarmInstance i, long from) {
    if (!(i.rule().source() instanceof AlarmSource.Math math)) {
      return samples.since(i.series().key(), from);
    }
    SeriesPlan plan = plans.of(i.environment()).orElseThrow();
    return PanelData.expression(math.expression(), plan, s -> samples.since(s.key(), from));
  }

  /**
   * Takes every alarm's state from the database, where the polling instance records it: how an
   * instance that only serves keeps its pages in step, and how one that takes over the polling
   * resumes without repeating a transition.
   */
  public void follow() {
    Map<String, AlarmHistory.Stored> stored = log.states();
    for (AlarmInstance i : bound.instances()) {
      AlarmHistory.Stored s = stored.get(i.key());
      if (s != null) {
        current.put(i.key(), new AlarmStatus(i, s.state(), s.since(), s.value(), s.reason()));
      }
    }
  }

  /**
   * Writes every alarm's latest value and reason, so the instances that only serve show what this
   * one shows. Best effort: the next poll writes them again.
   */
  public void share() {
    List<String> keys = new ArrayList<>();
    List<AlarmHistory.Stored> shown = new ArrayList<>();
    for (AlarmStatus s : current.values()) {
      keys.add(s.instance().key());
      shown.add(new AlarmHistory.Stored(s.state(), s.since(), s.value(), s.reason()));
    }
    log.updateShown(shown, keys);
  }

  /** Every alarm, worst first. */
  public List<AlarmStatus> statuses() {
    return current.values().stream().sorted(AlarmStatus.WORST_FIRST).toList();
  }

  /** The alarms of one environment, worst first. */
  public List<AlarmStatus> statuses(String environment) {
    return bound.keysByEnvironment().getOrDefault(environment, List.of()).stream()
        .map(current::get)
        .filter(java.util.Objects::nonNull)
        .sorted(AlarmStatus.WORST_FIRST)
        .toList();
  }

  public Optional<AlarmStatus> status(String key) {
    return Optional.ofNullable(current.get(key));
  }

  /** Transitions recorded by this process, per alarm key. */
  public long transitionsCounted(String key) {
    LongAdder a = transitions.get(key);
    return a == null ? 0 : a.sum();
  }

  public List<Transition> history(String key, int limit) {
    return log.history(key, limit);
  }
}
