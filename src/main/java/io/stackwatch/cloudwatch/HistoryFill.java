package io.stackwatch.cloudwatch;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.series.Derivation;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import io.stackwatch.store.History;
import io.stackwatch.store.HistoryConfig;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Fetches the history CloudWatch still holds and the store lacks: on a first start and for a new
 * series, 1-hour points for 15 months (every range from 7 days on is drawn from them) and 5-minute
 * points for the days a 24-hour chart and its comparisons look at ({@code five-minute-fill}, 8
 * days: the poll's own rollups fill the rest of the 5-minute tier's 63 days); after a gap
 * (stackwatch was stopped for longer than the poll reads back), what the gap lost; and the 5-minute
 * and 1-hour points of percentiles, which cannot be rolled up from 1-minute ones, as they complete.
 *
 * <p>GetMetricData is billed per metric requested, not per datapoint, so a series' 15 months cost
 * what one poll of it costs. The requests are as large as one answer page ({@value #PAGE}
 * datapoints) or as the endpoint answered in time ({@link CloudWatchCollector#pace}), whichever is
 * smaller, and are sent coarsest tier first, newest first, after the poll has put the first fresh
 * numbers on the pages, within a share of the poll interval; what is left is sent after the next
 * poll.
 */
@Singleton
public class HistoryFill {

  private static final Logger LOG = Logger.getLogger(HistoryFill.class);

  /** Datapoints GetMetricData answers in one page at most. */
  static final long PAGE = 100_800;

  /** Tiers fetched, coarsest first: the 1-minute tier is what the poll reads. */
  private static final List<Tier> TIERS = List.of(Tier.HOUR, Tier.FIVE_MINUTES);

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final MetricSource source;
  private final History history;
  private final SampleStore samples;
  private final CloudWatchCollector collector;
  private final HistoryConfig config;
  private final PollConfig poll;
  private final Clock clock;
  private final Deque<Request> pending = new ArrayDeque<>();
  private Instant nextCheck = Instant.MIN;

  /** One GetMetricData request of history: statistics at a tier's period over a window. */
  record Request(
      AwsTarget target,
      Tier tier,
      List<MetricStat> stats,
      List<List<Series>> consumers,
      Instant start,
      Instant end) {

    long datapoints() {
      return stats.size()
          * Math.max(1, Duration.between(start, end).toSeconds() / tier.periodSeconds());
    }
  }

  /** What one call did. */
  public record Filled(int requests, int metrics, long points, int left) {}

  public HistoryFill(
      Catalog catalog,
      SeriesPlans plans,
      MetricSource source,
      History history,
      SampleStore samples,
      CloudWatchCollector collector,
      HistoryConfig config,
      PollConfig poll,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.source = source;
    this.history = history;
    this.samples = samples;
    this.collector = collector;
    this.config = config;
    this.poll = poll;
    this.clock = clock;
  }

  /** Whether a call would do anything now. */
  public synchronized boolean due() {
    return config.fill() && (!pending.isEmpty() || !clock.instant().isBefore(nextCheck));
  }

  /**
   * Finds what is missing when the check is due, then sends what is planned, within a fifth of the
   * poll interval; the rest waits for the next call.
   */
  public synchronized Filled fill() {
    if (!config.fill()) {
      return new Filled(0, 0, 0, 0);
    }
    Instant now = clock.instant();
    if (pending.isEmpty() && !now.isBefore(nextCheck)) {
      try {
        plan(now);
      } catch (StoreUnavailableException e) {
        LOG.warnf("Cannot see what history is missing, will retry: %s", e.getMessage());
        return new Filled(0, 0, 0, 0);
      }
      nextCheck = now.plus(config.fillEvery());
    }
    long deadline = System.nanoTime() + poll.interval().toNanos() / 5;
    int requests = 0;
    int metrics = 0;
    long points = 0;
    Map<String, Set<Tier>> written = new LinkedHashMap<>();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Request r = pending.removeFirst();
      List<Points> results;
      try {
        requests++;
        results = source.fetch(r.target(), r.stats(), r.start(), r.end());
      } catch (MetricSource.PartialData p) {
        // What came is kept; the rest is found missing at the next check.
        results = p.points();
      } catch (MetricSource.Failure e) {
        if (e.timedOut()) {
          collector.timedOut(r.target(), r.datapoints());
          List<Request> halves = split(r);
          for (int i = halves.size() - 1; i >= 0; i--) {
            pending.addFirst(halves.get(i));
          }
        } else {
          LOG.warnf(
              "History of %d series from %s could not be read, will retry in %s: %s",
              r.stats().size(), r.target(), config.fillEvery(), e.getMessage());
        }
        continue;
      }
      try {
        long got = 0;
        Map<String, Points> byKey = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
          for (Series s : r.consumers().get(i)) {
            byKey.put(s.key(), results.get(i));
            written.computeIfAbsent(s.environment(), e -> new LinkedHashSet<>()).add(r.tier());
          }
          got += results.get(i).size();
        }
        history.write(byKey, r.tier());
        history.fetched(r.stats().size(), got);
        metrics += r.stats().size();
        points += got;
      } catch (StoreUnavailableException e) {
        pending.addFirst(r);
        LOG.warnf("Cannot write history, will retry: %s", e.getMessage());
        break;
      }
    }
    derive(written, now);
    return new Filled(requests, metrics, points, pending.size());
  }

  /** The missing windows of every fetched series at each tier, as requests, in sending order. */
  private void plan(Instant now) {
    record Group(AwsTarget target, Tier tier, Instant from, Instant to) {}
    Map<Group, List<Series>> groups = new LinkedHashMap<>();
    for (Tier tier : TIERS) {
      Map<String, long[]> bounds = history.bounds(tier);
      long period = tier.periodSeconds();
      Duration depth = tier == Tier.HOUR ? history.retention(tier) : config.fiveMinuteFill();
      long wantedFrom = tier.align(now.minus(depth).getEpochSecond()) + period;
      long wantedTo = tier.align(now.getEpochSecond());
      for (Environment env : catalog.environments()) {
        for (Series s : plans.of(env.name()).orElseThrow().fetched()) {
          if (!s.fromCloudWatch()) {
            continue;
          }
          List<long[]> missing = new ArrayList<>();
          long[] b = bounds.get(s.key());
          if (b == null) {
            missing.add(new long[] {wantedFrom, wantedTo});
          } else {
            missing.add(new long[] {wantedFrom, b[0]});
            long to = wantedTo;
            if (Rollup.of(s).rollsUp()) {
              // What the 1-minute points in memory cover is rolled up from them.
              to =
                  samples
                      .earliest(s.key())
                      .map(e -> Math.min(wantedTo, tier.align(e.at().getEpochSecond())))
                      .orElse(wantedTo);
            }
            missing.add(new long[] {b[1] + period, to});
          }
          for (long[] m : missing) {
            if (m[1] - m[0] >= period) {
              groups
                  .computeIfAbsent(
                      new Group(
                          env.target(),
                          tier,
                          Instant.ofEpochSecond(m[0]),
                          Instant.ofEpochSecond(m[1])),
                      g -> new ArrayList<>())
                  .add(s);
            }
          }
        }
      }
    }
    List<Request> requests = new ArrayList<>();
    groups.forEach(
        (g, series) -> requests.addAll(requests(g.target(), g.tier(), g.from(), g.to(), series)));
    // Coarsest tier first (it serves every range from 7 days on), newest first within it.
    requests.sort(
        Comparator.comparing((Request r) -> r.tier().ordinal())
            .reversed()
            .thenComparing(Request::end, Comparator.reverseOrder()));
    pending.addAll(requests);
    if (!requests.isEmpty()) {
      LOG.infof(
          "Fetching missing history: %d GetMetricData requests, %d metrics",
          requests.size(), requests.stream().mapToInt(r -> r.stats().size()).sum());
    }
  }

  /** Requests for series sharing a window: as many queries and as long a window as one holds. */
  private List<Request> requests(
      AwsTarget target, Tier tier, Instant from, Instant to, List<Series> series) {
    Map<MetricStat, List<Series>> byStat = new LinkedHashMap<>();
    for (Series s : series) {
      MetricStat st = s.stat().orElseThrow();
      byStat.computeIfAbsent(st.withPeriod(tier.periodSeconds()), k -> new ArrayList<>()).add(s);
    }
    long limit = Math.min(PAGE, collector.pace(target).orElse(PAGE));
    long perQuery = Math.max(1, Duration.between(from, to).toSeconds() / tier.periodSeconds());
    long slicePoints = Math.max(1, Math.min(perQuery, limit));
    int queries = (int) Math.max(1, Math.min(QueryPlanner.MAX_QUERIES, limit / slicePoints));
    List<MetricStat> stats = new ArrayList<>(byStat.keySet());
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < stats.size(); i += queries) {
      List<MetricStat> chunk = stats.subList(i, Math.min(stats.size(), i + queries));
      List<List<Series>> consumers = chunk.stream().map(byStat::get).toList();
      Duration slice = Duration.ofSeconds(slicePoints * tier.periodSeconds());
      for (Instant end = to; end.isAfter(from); end = end.minus(slice)) {
        Instant start = end.minus(slice).isBefore(from) ? from : end.minus(slice);
        out.add(new Request(target, tier, List.copyOf(chunk), consumers, start, end));
      }
    }
    return out;
  }

  /** A request that timed out, in halves: by queries, or by time; none when indivisible. */
  private static List<Request> split(Request r) {
    if (r.stats().size() > 1) {
      int h = r.stats().size() / 2;
      return List.of(
          new Request(
              r.target(),
              r.tier(),
              r.stats().subList(0, h),
              r.consumers().subList(0, h),
              r.start(),
              r.end()),
          new Request(
              r.target(),
              r.tier(),
              r.stats().subList(h, r.stats().size()),
              r.consumers().subList(h, r.consumers().size()),
              r.start(),
              r.end()));
    }
    long periods = Duration.between(r.start(), r.end()).toSeconds() / r.tier().periodSeconds();
    if (periods < 2) {
      return List.of();
    }
    Instant middle = r.start().plusSeconds(periods / 2 * r.tier().periodSeconds());
    // Newer half first.
    return List.of(
        new Request(r.target(), r.tier(), r.stats(), r.consumers(), middle, r.end()),
        new Request(r.target(), r.tier(), r.stats(), r.consumers(), r.start(), middle));
  }

  /**
   * Derived series at the tiers just written, from their inputs' points there: a ratio of hourly
   * sums, rather than an average of minute ratios.
   */
  private void derive(Map<String, Set<Tier>> written, Instant now) {
    Map<String, SeriesPlan> byEnv = new HashMap<>();
    plans.all().forEach(p -> byEnv.put(p.environment(), p));
    written.forEach(
        (env, tiers) -> {
          SeriesPlan plan = byEnv.get(env);
          if (plan == null) {
            return;
          }
          for (Tier tier : tiers) {
            long to = now.getEpochSecond();
            long from = now.minus(history.retention(tier)).getEpochSecond();
            for (Derivation d : plan.derived()) {
              try {
                derive(env, d, tier, from, to);
              } catch (StoreUnavailableException e) {
                LOG.warnf("Cannot derive %s's history: %s", d.series().key(), e.getMessage());
                return;
              }
            }
          }
        });
  }

  private void derive(String env, Derivation d, Tier tier, long from, long to) {
    List<Map<Long, Double>> inputs = new ArrayList<>();
    WeightedPoints first = history.stored(env + "/" + d.inputs().get(0), tier, from, to);
    for (int k = 1; k < d.inputs().size(); k++) {
      WeightedPoints p = history.stored(env + "/" + d.inputs().get(k), tier, from, to);
      Map<Long, Double> m = new HashMap<>(p.size() * 2);
      for (int i = 0; i < p.size(); i++) {
        m.put(p.epochSeconds()[i], p.values()[i]);
      }
      inputs.add(m);
    }
    long[] t = new long[first.size()];
    double[] v = new double[first.size()];
    int n = 0;
    double[] in = new double[d.inputs().size()];
    for (int i = 0; i < first.size(); i++) {
      in[0] = first.values()[i];
      boolean complete = true;
      for (int k = 1; k < in.length && complete; k++) {
        Double x = inputs.get(k - 1).get(first.epochSeconds()[i]);
        complete = x != null;
        in[k] = complete ? x : Double.NaN;
      }
      double value = complete ? d.formula().applyAsDouble(in) : Double.NaN;
      if (!Double.isNaN(value)) {
        t[n] = first.epochSeconds()[i];
        v[n++] = value;
      }
    }
    history.write(
        d.series().key(),
        tier,
        new Points(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n)));
  }
}
