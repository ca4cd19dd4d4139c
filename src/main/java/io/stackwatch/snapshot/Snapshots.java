package io.stackwatch.snapshot;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.Silences;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.Costs;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.dashboard.Dashboard;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.dashboard.Level;
import io.stackwatch.dashboard.Levels;
import io.stackwatch.dashboard.Panel;
import io.stackwatch.dashboard.PanelData;
import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.dashboard.Section;
import io.stackwatch.discovery.DiscoveryConfig;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceItem;
import io.stackwatch.series.Points.Sample;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds and holds the one {@link StackSnapshot} every reader reads. It is made of parts, each read
 * from its store when what it shows changes: the polled part (poll statuses, newest points, key
 * numbers) only at the end of a poll or a follower's sync, so a sign-off in the middle of a poll
 * never shows that poll's points beside the last poll's alarm states; alarms after an evaluation,
 * an acknowledgement, a silence or a rule reload; costs after a refresh; maintenance after a
 * sign-off or the evidence run. Each publish swaps the whole snapshot in one volatile write.
 */
@Singleton
public class Snapshots {

  private static final Logger LOG = Logger.getLogger(Snapshots.class);

  /** How far back metric math looks for a key number's newest point. */
  private static final Duration KEY_NUMBER_WINDOW = Duration.ofHours(1);

  /** One environment as polled. */
  private record Polled(
      Inventory inventory,
      Freshness.Status poll,
      List<String> skipped,
      List<SeriesReading> series,
      List<KeyNumber> keyNumbers) {}

  /** Cost Explorer's answers as summarised. */
  private record CostPart(Map<String, CostSummary> byEnvironment, CostReport report) {}

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SeriesCadence cadence;
  private final SampleStore samples;
  private final Freshness freshness;
  private final AlarmEngine alarmEngine;
  private final Acknowledgements acknowledgements;
  private final Silences silences;
  private final Costs costs;
  private final CostConfig costConfig;
  private final Optional<Duration> rediscovery;
  private final Maintenance maintenance;
  private final Dashboards dashboards;
  private final Clock clock;

  private Instant asOf = Instant.EPOCH;
  private Map<String, Polled> polled = Map.of();
  private Map<String, List<AlarmReading>> alarms = Map.of();
  private Map<String, Acknowledgement> acknowledged = Map.of();
  private List<Silence> unexpired = List.of();
  private CostPart cost;
  private Optional<Map<String, List<ItemStatus>>> chores = Optional.empty();
  private volatile StackSnapshot current;

  public Snapshots(
      Catalog catalog,
      SeriesPlans plans,
      SeriesCadence cadence,
      SampleStore samples,
      Freshness freshness,
      AlarmEngine alarmEngine,
      Acknowledgements acknowledgements,
      Silences silences,
      Costs costs,
      CostConfig costConfig,
      DiscoveryConfig discoveryConfig,
      Maintenance maintenance,
      Dashboards dashboards,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.cadence = cadence;
    this.samples = samples;
    this.freshness = freshness;
    this.alarmEngine = alarmEngine;
    this.acknowledgements = acknowledgements;
    this.silences = silences;
    this.costs = costs;
    this.costConfig = costConfig;
    this.rediscovery =
        discoveryConfig.enabled() ? Optional.of(discoveryConfig.interval()) : Optional.empty();
    this.maintenance = maintenance;
    this.dashboards = dashboards;
    this.clock = clock;
    publishPoll();
  }

  /** The snapshot as last published. */
  public StackSnapshot current() {
    return current;
  }

  /** After a poll or a follower's sync: every part read again. */
  public synchronized StackSnapshot publishPoll() {
    asOf = clock.instant();
    Map<String, Polled> next = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      next.put(env.name(), polled(env, asOf));
    }
    polled = next;
    readAlarms();
    readCosts();
    readMaintenance();
    return compose();
  }

  /** After an evaluation outside a poll, an acknowledgement, a silence or a rule reload. */
  public synchronized StackSnapshot publishAlarms() {
    readAlarms();
    return compose();
  }

  /** After Cost Explorer was asked. */
  public synchronized StackSnapshot publishCosts() {
    readCosts();
    return compose();
  }

  /** After a sign-off or the evidence run. */
  public synchronized StackSnapshot publishMaintenance() {
    readMaintenance();
    return compose();
  }

  private Polled polled(Environment env, Instant now) {
    SeriesPlan plan = plans.of(env.name()).orElseThrow();
    List<SeriesReading> series =
        plan.all().stream().map(s -> new SeriesReading(s, samples.latest(s.key()))).toList();
    List<KeyNumber> numbers = new ArrayList<>();
    for (Section section : dashboards.sections(Dashboard.Page.OVERVIEW)) {
      for (Panel p : section.panels()) {
        if (p.appliesTo(env.name())) {
          numbers.add(keyNumber(plan, p, now));
        }
      }
    }
    return new Polled(
        plans.inventory(env.name()).orElseThrow(),
        freshness.of(env.name()),
        freshness.skipped(env.name()),
        series,
        List.copyOf(numbers));
  }

  /** An overview panel's newest value: of its first series, or of its metric math. */
  private KeyNumber keyNumber(SeriesPlan plan, Panel p, Instant now) {
    List<Series> matched = PanelData.matching(plan, p.references());
    if (matched.isEmpty()) {
      return new KeyNumber(
          p.title(), p.unit().orElse(PanelUnit.COUNT), Optional.empty(), Level.NONE);
    }
    PanelUnit unit = PanelUnit.of(p.unit(), matched.get(0).unit());
    long from = now.minus(KEY_NUMBER_WINDOW).getEpochSecond();
    Optional<Sample> last =
        p.expression().isPresent()
            ? PanelData.expression(p, plan, s -> samples.since(s.key(), from)).last()
            : samples.latest(matched.get(0).key());
    Levels levels = p.levels().orElse(Levels.NONE);
    return new KeyNumber(
        p.title(), unit, last, last.map(l -> levels.of(l.value())).orElse(Level.NONE));
  }

  private void readAlarms() {
    try {
      acknowledged = acknowledgements.latest();
    } catch (RuntimeException e) {
      // The store is away: the acknowledgements last read still hold.
      LOG.debugf("Cannot read acknowledgements: %s", e.getMessage());
    }
    try {
      // Those not ended now; each reader asks which hold at its own time, so one ends on time.
      unexpired = silences.unexpired(clock.instant());
    } catch (RuntimeException e) {
      // The store is away: the silences last read still hold, and end when they end.
      LOG.debugf("Cannot read silences: %s", e.getMessage());
    }
    Map<String, List<AlarmReading>> next = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      next.put(env.name(), alarmEngine.statuses(env.name()).stream().map(this::reading).toList());
    }
    alarms = next;
  }

  private AlarmReading reading(AlarmStatus s) {
    return new AlarmReading(
        s,
        acknowledgements.holding(s, acknowledged, clock.instant()),
        alarmEngine.transitionsCounted(s.instance().key()),
        unexpired.stream().filter(x -> x.matches(s.instance())).toList());
  }

  private void readCosts() {
    List<CostSummary> summaries = costs.summaries();
    Map<String, CostSummary> byEnvironment = new LinkedHashMap<>();
    if (costs.asOf().isPresent()) {
      summaries.forEach(s -> byEnvironment.put(s.environment(), s));
    }
    cost =
        new CostPart(
            byEnvironment,
            new CostReport(
                costs.asOf(),
                costs.error(),
                costs.requestsToday(),
                summaries,
                WatchingCost.planned(
                        plans.all(), costConfig, catalog.environments().size(), rediscovery)
                    .and(maintenance.plannedFetches(plans))));
  }

  private void readMaintenance() {
    try {
      chores = Optional.of(maintenance.statuses(maintenance.scopes()));
    } catch (RuntimeException e) {
      // The sign-offs live in the store; the rest of the snapshot serves from memory.
      LOG.debugf("Cannot read the maintenance schedule: %s", e.getMessage());
      chores = Optional.empty();
    }
  }

  private StackSnapshot compose() {
    List<EnvironmentState> environments = new ArrayList<>();
    Optional<List<ItemStatus>> global = chores.map(c -> c.get(MaintenanceItem.GLOBAL));
    for (Environment env : catalog.environments()) {
      Polled p = polled.get(env.name());
      Optional<List<ItemStatus>> own = chores.map(c -> c.get(env.name()));
      environments.add(
          new EnvironmentState(
              env,
              p.inventory(),
              p.poll(),
              freshness.staleAfter(),
              p.skipped(),
              alarms.getOrDefault(env.name(), List.of()),
              p.series(),
              p.keyNumbers(),
              Optional.ofNullable(cost.byEnvironment().get(env.name())),
              own,
              own.map(o -> overdue(o, global.orElse(List.of())))));
    }
    current =
        new StackSnapshot(asOf, cadence.poll(), List.copyOf(environments), global, cost.report());
    return current;
  }

  /** An environment's overdue chores and the global ones, oldest due first. */
  private static List<ItemStatus> overdue(List<ItemStatus> own, List<ItemStatus> global) {
    List<ItemStatus> out = new ArrayList<>();
    for (List<ItemStatus> l : List.of(own, global)) {
      l.stream().filter(s -> s.state().isOverdue()).forEach(out::add);
    }
    out.sort(Comparator.comparing(s -> s.state().dueAt()));
    return List.copyOf(out);
  }
}
