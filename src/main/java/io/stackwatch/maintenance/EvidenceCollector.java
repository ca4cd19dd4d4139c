package io.stackwatch.maintenance;

import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.MetricSource;
import io.stackwatch.cost.Costs;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs the maintenance checks on their chores' cadence and stores what they found: a check runs
 * when its chore has no evidence for the current period (daily, weekly, ...) or the last attempt
 * could not tell (UNKNOWN, retried at the next run). Pages only read the stored results.
 *
 * <p>Trends, capacity and right-sizing need weeks of data, more than the 24 hours kept in memory:
 * they fetch daily statistics (period 86400) of a few key series over 14 or 30 days, in one
 * GetMetricData request per check run, so a week costs a few dozen metrics.
 */
@Singleton
public class EvidenceCollector {

  private static final Logger LOG = Logger.getLogger(EvidenceCollector.class);
  private static final int DAY = 86_400;
  private static final List<String> TREND_SERIES =
      List.of(
          "api.requests",
          "api.5xx",
          "api.latency_p99",
          "rds.cpu",
          "rds.connections",
          "alb.requests");

  private final Maintenance maintenance;
  private final MaintenanceStore log;
  private final Inventory inventory;
  private final MetricSource metrics;
  private final SeriesPlans plans;
  private final Costs costs;
  private final Clock clock;

  public EvidenceCollector(
      Maintenance maintenance,
      MaintenanceStore log,
      Inventory inventory,
      MetricSource metrics,
      SeriesPlans plans,
      Costs costs,
      Clock clock) {
    this.maintenance = maintenance;
    this.log = log;
    this.inventory = inventory;
    this.metrics = metrics;
    this.plans = plans;
    this.costs = costs;
    this.clock = clock;
  }

  /** Runs every check that is missing for its period; returns what it gathered. */
  public List<Evidence> run() {
    Instant now = clock.instant();
    Map<String, Evidence> stored = log.evidence();
    List<Evidence> gathered = new ArrayList<>();
    for (Environment env : maintenance.environments()) {
      for (MaintenanceItem item : maintenance.checklist().itemsOf(env.name())) {
        if (item.check().isEmpty()) {
          continue;
        }
        Evidence last = stored.get(MaintenanceStore.key(env.name(), item.id()));
        if (last != null
            && last.verdict() != Verdict.UNKNOWN
            && Schedule.samePeriod(item.cadence(), last.at(), now)) {
          continue;
        }
        Evidence e = check(env, item.check().get(), now);
        log.saveEvidence(env.name(), item.id(), e);
        gathered.add(e);
      }
    }
    return gathered;
  }

  /** One check of one environment; a failure to read AWS is an UNKNOWN with the reason. */
  Evidence check(Environment env, CheckKind kind, Instant now) {
    try {
      return switch (kind) {
        case COST_AND_USAGE -> Checks.cost(costs.asOf(), costs.summary(env.name()), now);
        case LOG_ERRORS -> logErrors(env, now);
        case SECURITY_GROUPS ->
            Checks.securityGroups(
                env.name(), inventory.securityGroups(env.target(), env.name()), now);
        case METRIC_TRENDS ->
            Checks.metricTrends(daily(env, CheckKind.METRIC_TRENDS, 14, now), now);
        case UNUSED_RESOURCES ->
            Checks.unusedResources(
                inventory.volumes(env.target(), env.name()),
                inventory.addresses(env.target(), env.name()),
                inventory.manualSnapshots(env.target(), env.resources().rdsInstance()),
                now);
        case BACKUP_RETENTION -> backups(env, now);
        case CAPACITY -> capacity(env, now);
        case RIGHT_SIZING -> rightSizing(env, now);
      };
    } catch (Inventory.Failure | MetricSource.Failure e) {
      LOG.warnf(
          "Maintenance check %s of %s could not read AWS: %s", kind, env.name(), e.getMessage());
      return Evidence.unknown(kind, "Could not read AWS: " + e.getMessage(), now);
    }
  }

  private Evidence logErrors(Environment env, Instant now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String group : Checks.errorLogGroups(env.name(), env.resources().lambdaFunctions())) {
      Optional<Long> n =
          inventory.countLogEvents(
              env.target(), group, "ERROR", now.minus(Duration.ofHours(24)), now);
      if (n.isPresent()) {
        counts.put(group, n.get());
      } else {
        missing.add(group);
      }
    }
    return Checks.logErrors(counts, missing, now);
  }

  private Evidence backups(Environment env, Instant now) {
    String db = env.resources().rdsInstance();
    List<String> groups = Checks.retainedLogGroups(env.name(), env.resources().lambdaFunctions());
    return Checks.backupRetention(
        db,
        inventory.dbInstance(env.target(), db),
        groups,
        inventory.logGroups(env.target(), groups),
        now);
  }

  private Evidence capacity(Environment env, Instant now) {
    Map<String, Points> free = daily(env, CheckKind.CAPACITY, 30, now);
    long allocated = env.allocatedStorageGb() * 1024L * 1024 * 1024;
    return Checks.capacity(
        env.resources().rdsInstance(),
        free.getOrDefault("DB free storage", new Points(new long[0], new double[0])),
        allocated,
        now);
  }

  private Evidence rightSizing(Environment env, Instant now) {
    return Checks.rightSizing(daily(env, CheckKind.RIGHT_SIZING, 30, now), now);
  }

  /** A check's daily statistics over the last {@code days} days, by the name the check uses. */
  private Map<String, Points> daily(Environment env, CheckKind kind, int days, Instant now) {
    Map<String, MetricStat> stats = statistics(env, kind, plans.of(env.name()).orElseThrow());
    List<Points> fetched = fetch(env, List.copyOf(stats.values()), days, now);
    Map<String, Points> out = new LinkedHashMap<>();
    int i = 0;
    for (String name : stats.keySet()) {
      out.put(name, fetched.get(i++));
    }
    return out;
  }

  /**
   * The daily statistics one run of a check fetches in one environment, by the name the check gives
   * them (a series' title; a node for right-sizing); empty for a check reading no metric. What the
   * watching plan prices at each chore's cadence.
   */
  public static Map<String, MetricStat> statistics(
      Environment env, CheckKind kind, SeriesPlan plan) {
    Map<String, MetricStat> out = new LinkedHashMap<>();
    switch (kind) {
      case METRIC_TRENDS -> TREND_SERIES.forEach(id -> daily(plan, id, out));
      case CAPACITY -> daily(plan, "rds.free_storage", out);
      case RIGHT_SIZING -> {
        plan.find("rds.cpu")
            .flatMap(Series::stat)
            .ifPresent(m -> out.put(env.resources().rdsInstance(), m.withPeriod(DAY)));
        for (String node : env.resources().cacheNodes()) {
          // The host CPU of each node: the same statistic as the database's.
          plan.find("cache." + node + ".engine_cpu")
              .flatMap(Series::stat)
              .ifPresent(
                  m ->
                      out.put(
                          node,
                          new MetricStat(
                              m.namespace(), "CPUUtilization", m.dimensions(), "Average", DAY)));
        }
      }
      default -> {}
    }
    return out;
  }

  private static void daily(SeriesPlan plan, String id, Map<String, MetricStat> out) {
    plan.find(id).ifPresent(s -> s.stat().ifPresent(m -> out.put(s.title(), m.withPeriod(DAY))));
  }

  /** Whole UTC days up to the start of today, so every point covers a complete day. */
  private List<Points> fetch(Environment env, List<MetricStat> stats, int days, Instant now) {
    Instant end = Instant.ofEpochSecond(now.getEpochSecond() / DAY * DAY);
    return metrics.fetch(env.target(), stats, end.minus(Duration.ofDays(days)), end);
  }
}
