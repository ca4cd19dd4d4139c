package io.stackwatch.cloudwatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.QueryPlanner.Batch;
import io.stackwatch.cloudwatch.QueryPlanner.Due;
import io.stackwatch.series.Derivation;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Polls CloudWatch into the sample store, adapting to the endpoint it talks to.
 *
 * <p>Each poll fetches the series that are due, each from the end of its last fetch less an overlap
 * (CloudWatch revises its newest points), in as few GetMetricData requests as the 500-query limit
 * allows, then computes the derived series. A series read for the first time gets only its newest
 * {@value #RECENT_MINUTES} minutes in the poll, so numbers are on the pages within seconds; {@link
 * #backfill} reads the rest of its window afterwards, newest first.
 *
 * <p>A request the endpoint does not answer in time is split and sent again within the same poll,
 * and the endpoint's pace is learnt: later requests to it (the backfill above all) ask no more
 * datapoints than it answered in time. A request refused (4xx or 5xx) is searched for the queries
 * at fault: first by statistic (an endpoint may refuse a whole statistic, such as percentiles),
 * then by halves, at most {@value #ISOLATION_REQUESTS} extra requests a poll; the queries found are
 * skipped for {@code skip-retry} and listed with the reason, and the rest is collected in the same
 * poll. When every part of a request fails with a 5xx, the service itself is failing: nothing is
 * skipped, the environments are marked stale.
 *
 * <p>A failing request marks only the environments whose series it carried as stale; their last
 * good data stays, and the next poll reads the whole window since, so nothing is lost.
 */
@Singleton
public class CloudWatchCollector {

  private static final Logger LOG = Logger.getLogger(CloudWatchCollector.class);

  /** How much of a new series' window the poll itself reads; the backfill reads the rest. */
  static final int RECENT_MINUTES = 20;

  /** Extra requests one poll may spend finding the queries an endpoint refuses. */
  static final int ISOLATION_REQUESTS = 24;

  /** Splits of one request that timed out, at most, before its series are marked stale. */
  private static final int SPLIT_DEPTH = 6;

  /**
   * Timeouts in a row after which an endpoint counts as down for the rest of the poll: one that
   * does not answer even smaller requests is down rather than slow, and waiting on it would take
   * the other environments' time.
   */
  private static final int TIMEOUTS = 3;

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final MetricSource source;
  private final SampleStore store;
  private final Freshness freshness;
  private final PollConfig config;
  private final Duration attemptTimeout;
  private final Clock clock;
  private final Timer pollTimer;
  private final Map<String, Instant> fetchedUntil = new ConcurrentHashMap<>();
  // The part of a new series' first window still to read, and until when it is wanted.
  private final Map<String, Window> backfill = new ConcurrentHashMap<>();
  // Datapoints per request an endpoint answered in time; absent while none timed out.
  private final Map<AwsTarget, Long> pace = new ConcurrentHashMap<>();
  // Queries CloudWatch refused on their own, and until when they are left out of polls.
  private final Map<MetricStat, Skipped> skipped = new ConcurrentHashMap<>();

  private record Skipped(String reason, Instant until) {}

  /** A window of time, {@code [from, to)}. */
  private record Window(Instant from, Instant to) {}

  public CloudWatchCollector(
      Catalog catalog,
      SeriesPlans plans,
      MetricSource source,
      SampleStore store,
      Freshness freshness,
      PollConfig config,
      AwsConfig aws,
      Clock clock,
      MeterRegistry registry) {
    this.catalog = catalog;
    this.plans = plans;
    this.source = source;
    this.store = store;
    this.freshness = freshness;
    this.config = config;
    this.attemptTimeout = aws.aws().attemptTimeout();
    this.clock = clock;
    this.pollTimer =
        Timer.builder("stackwatch.poll.duration")
            .description("Time taken by one CloudWatch poll of every environment")
            .register(registry);
  }

  /** One poll of every environment: what is due, and the newest minutes of new series. */
  public PollResult poll() {
    return pollTimer.record(this::pollOnce);
  }

  private PollResult pollOnce() {
    Instant now = clock.instant();
    Instant end = Instant.ofEpochSecond(now.getEpochSecond() / 60 * 60);
    List<Due> due = new ArrayList<>();
    for (Environment env : catalog.environments()) {
      AwsTarget target = env.target();
      for (Series s : plans.of(env.name()).orElseThrow().fetched()) {
        Instant last = fetchedUntil.get(s.key());
        Instant oldest = end.minus(config.backfill());
        if (last == null) {
          // Kept from before a restart: only what is missing since the newest stored point.
          last =
              store
                  .latest(s.key())
                  .map(p -> p.at().plusSeconds(60))
                  // A point after now (a clock set back since) is not trusted to be fresh.
                  .filter(at -> at.isAfter(oldest) && !at.isAfter(end))
                  .orElse(null);
          if (last != null) {
            fetchedUntil.put(s.key(), last);
          }
        }
        if (last == null) {
          Instant recent = end.minus(Duration.ofMinutes(RECENT_MINUTES));
          if (oldest.isBefore(recent)) {
            // Read up to where this poll's newest minutes start, however often they failed.
            backfill.merge(
                s.key(),
                new Window(oldest, recent),
                (old, now2) -> new Window(old.from(), now2.to()));
          }
          due.add(new Due(s, target, recent.isBefore(oldest) ? oldest : recent));
        } else if (isDue(last, s.refresh(), end)) {
          due.add(new Due(s, target, last.minus(config.overlap())));
        }
      }
    }
    // A query refused on its own is left out until its retry time, and stays reported.
    skipped.values().removeIf(k -> !now.isBefore(k.until()));
    due.removeIf(d -> skipped.containsKey(d.series().stat().orElseThrow()));
    List<Batch> batches = QueryPlanner.plan(due, end);

    Run run = new Run(System.nanoTime() + config.budget().toNanos(), now);
    for (Batch batch : batches) {
      send(batch, run, s -> fetchedUntil.put(s.key(), end));
    }
    Map<String, List<String>> skippedByEnv = skippedByEnvironment();
    Instant derivedFrom =
        batches.stream()
            .map(Batch::start)
            .min(Instant::compareTo)
            .orElse(end.minus(config.overlap()));
    derive(derivedFrom);
    for (Environment env : catalog.environments()) {
      freshness.skipped(env.name(), skippedByEnv.getOrDefault(env.name(), List.of()));
      String why = run.failures.get(env.name());
      if (why == null) {
        freshness.succeeded(env.name(), now);
      } else {
        freshness.failed(env.name(), now, why);
      }
    }
    return new PollResult(run.requests, due.size(), run.failures, skippedByEnv);
  }

  /**
   * Reads what is left of new series' first windows, newest first, in requests no larger than the
   * endpoint answers in time, until done or the poll's time budget is used; what is left is read by
   * the next call. Its failures make nothing stale: the poll's own reads decide freshness.
   *
   * @return requests sent
   */
  public int backfill() {
    if (backfill.isEmpty()) {
      return 0;
    }
    Run run = new Run(System.nanoTime() + config.budget().toNanos(), clock.instant());
    Instant oldest = null;
    for (Slice slice : slices()) {
      if (!run.timeLeft()) {
        break;
      }
      Batch batch = slice.batch();
      send(
          batch,
          run,
          s ->
              backfill.computeIfPresent(
                  s.key(),
                  (k, w) ->
                      w.from().isBefore(batch.start())
                          ? new Window(w.from(), batch.start())
                          : null));
      oldest = oldest == null || batch.start().isBefore(oldest) ? batch.start() : oldest;
    }
    if (oldest != null) {
      derive(oldest);
    }
    return run.requests;
  }

  /**
   * Datapoints per request the endpoint answered in time, as learnt from the polls; empty while
   * none timed out. History fetched from it is asked in requests no larger.
   */
  public java.util.Optional<Long> pace(AwsTarget target) {
    return java.util.Optional.ofNullable(pace.get(target));
  }

  /** A request of {@code asked} datapoints to the endpoint timed out: later ones ask fewer. */
  public void timedOut(AwsTarget target, long asked) {
    pace.merge(target, Math.max(1, asked / 2), Math::min);
  }

  /** Whether some series still has part of its first window to read. */
  public boolean backfilling() {
    return !backfill.isEmpty();
  }

  /** One backfill request: a window of some series. */
  private record Slice(Batch batch) {}

  /**
   * The backfill as requests: series with the same window and target together, each window cut into
   * slices of time, newest first, so that no request asks more datapoints than its endpoint
   * answered in time.
   */
  private List<Slice> slices() {
    Map<AwsTarget, Map<Window, List<Series>>> groups = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      for (Series s : plans.of(env.name()).orElseThrow().fetched()) {
        Window w = backfill.get(s.key());
        if (w != null && !skipped.containsKey(s.stat().orElseThrow())) {
          groups
              .computeIfAbsent(env.target(), t -> new LinkedHashMap<>())
              .computeIfAbsent(w, x -> new ArrayList<>())
              .add(s);
        }
      }
    }
    List<Slice> slices = new ArrayList<>();
    groups.forEach(
        (target, byWindow) ->
            byWindow.forEach(
                (w, series) -> {
                  List<Due> due = series.stream().map(s -> new Due(s, target, w.from())).toList();
                  for (Batch b : QueryPlanner.plan(due, w.to())) {
                    long perQueryMinute = b.stats().size();
                    Long limit = pace.get(target);
                    long minutes = Duration.between(w.from(), w.to()).toMinutes();
                    long step =
                        limit == null ? minutes : Math.max(1, limit / Math.max(1, perQueryMinute));
                    for (Instant to = w.to();
                        to.isAfter(w.from());
                        to = to.minus(Duration.ofMinutes(step))) {
                      Instant from = to.minus(Duration.ofMinutes(step));
                      slices.add(
                          new Slice(
                              new Batch(
                                  b.target(),
                                  b.stats(),
                                  b.consumers(),
                                  from.isBefore(w.from()) ? w.from() : from,
                                  to)));
                    }
                  }
                }));
    // Newest first across all windows: the pages fill backwards from now.
    slices.sort((a, b) -> b.batch().end().compareTo(a.batch().end()));
    return slices;
  }

  /** One poll's or backfill's time budget, requests, failures and isolation budget. */
  private static final class Run {
    final long deadline;
    final Instant now;
    final Map<String, String> failures = new LinkedHashMap<>();
    final Map<AwsTarget, Integer> timeouts = new java.util.HashMap<>();
    int requests;
    int isolationLeft = ISOLATION_REQUESTS;

    Run(long deadline, Instant now) {
      this.deadline = deadline;
      this.now = now;
    }

    boolean timeLeft() {
      return System.nanoTime() < deadline;
    }
  }

  /** The outcome of one request: stored, or refused with why. */
  private sealed interface Sent permits Stored, Refused, Failed {}

  private record Stored() implements Sent {}

  private record Refused(MetricSource.Failure why) implements Sent {}

  private record Failed() implements Sent {}

  /** Sends one planned request, splitting it when it times out and searching it when refused. */
  private void send(Batch batch, Run run, Consumer<Series> whole) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < batch.stats().size(); i++) {
      if (!skipped.containsKey(batch.stats().get(i))) {
        all.add(i);
      }
    }
    if (all.isEmpty()) {
      return;
    }
    if (attempt(batch, all, run, whole, 0) instanceof Refused r) {
      isolate(batch, all, r.why(), run, whole);
    }
  }

  /**
   * Fetches some queries of a batch and stores what came; a request that timed out is split (by
   * queries, or for one query by time) and sent again while time is left.
   */
  private Sent attempt(
      Batch batch, List<Integer> queries, Run run, Consumer<Series> whole, int depth) {
    if (!run.timeLeft()) {
      fail(
          batch,
          queries,
          "the poll's time budget of " + config.budget().toSeconds() + " s was used up first",
          run);
      return new Failed();
    }
    if (run.timeouts.getOrDefault(batch.target(), 0) >= TIMEOUTS) {
      fail(
          batch,
          queries,
          "the endpoint did not answer in time " + TIMEOUTS + " times this poll",
          run);
      return new Failed();
    }
    List<MetricStat> stats = queries.stream().map(batch.stats()::get).toList();
    long asked = datapoints(batch, queries.size());
    long started = System.nanoTime();
    run.requests++;
    try {
      List<Points> results = source.fetch(batch.target(), stats, batch.start(), batch.end());
      for (int i = 0; i < results.size(); i++) {
        store(batch, queries.get(i), results.get(i), true, whole);
      }
      learn(batch.target(), asked, System.nanoTime() - started);
      run.timeouts.remove(batch.target());
      return new Stored();
    } catch (MetricSource.PartialData p) {
      // Keep what came; a query whose data is incomplete is read again from the same start.
      for (int i = 0; i < p.points().size(); i++) {
        boolean complete = !p.incomplete().get(i);
        store(batch, queries.get(i), p.points().get(i), complete, whole);
        if (!complete) {
          fail(batch, List.of(queries.get(i)), p.getMessage(), run);
        }
      }
      return new Stored();
    } catch (MetricSource.Failure e) {
      if (e.timedOut()) {
        // The endpoint is slower than the attempt timeout for this many datapoints.
        pace.merge(batch.target(), Math.max(1, asked / 2), Math::min);
        boolean slowNotDown = run.timeouts.merge(batch.target(), 1, Integer::sum) < TIMEOUTS;
        if (depth < SPLIT_DEPTH && run.timeLeft() && slowNotDown) {
          List<Batch> parts = split(batch, queries);
          if (!parts.isEmpty()) {
            LOG.infof(
                "GetMetricData for %s timed out asking %d datapoints; asking in smaller parts",
                batch.target(), asked);
            return sendParts(parts, batch, queries, run, whole, depth);
          }
        }
      } else if (e.refused()) {
        return new Refused(e);
      }
      fail(batch, queries, e.getMessage(), run);
      return new Failed();
    } catch (RuntimeException e) {
      // Anything else is a defect, yet must not stop the other batches.
      LOG.errorf("GetMetricData for %s failed unexpectedly: %s", batch.target(), e);
      fail(batch, queries, e.getClass().getName() + ": " + e.getMessage(), run);
      return new Failed();
    }
  }

  /**
   * A request cut in two: its queries in halves, or a single query's window in halves. Series are
   * marked read whole only once every part of their window came.
   */
  private Sent sendParts(
      List<Batch> parts,
      Batch batch,
      List<Integer> queries,
      Run run,
      Consumer<Series> whole,
      int depth) {
    if (queries.size() > 1) {
      int half = queries.size() / 2;
      Sent a = attempt(batch, queries.subList(0, half), run, whole, depth + 1);
      Sent b = attempt(batch, queries.subList(half, queries.size()), run, whole, depth + 1);
      if (a instanceof Refused r) {
        isolate(batch, queries.subList(0, half), r.why(), run, whole);
      }
      if (b instanceof Refused r) {
        isolate(batch, queries.subList(half, queries.size()), r.why(), run, whole);
      }
      return new Stored();
    }
    // One query, its window in two: the newer half first; whole only when both came.
    List<Series> done = new ArrayList<>();
    Sent newer = attempt(parts.get(1), List.of(queries.get(0)), run, done::add, depth + 1);
    Sent older = attempt(parts.get(0), List.of(queries.get(0)), run, s -> {}, depth + 1);
    if (newer instanceof Stored && older instanceof Stored) {
      done.forEach(whole);
    }
    return newer instanceof Refused r ? r : older instanceof Refused r2 ? r2 : new Stored();
  }

  /** The halves of a request: by queries, or for one query by time; empty when indivisible. */
  private static List<Batch> split(Batch batch, List<Integer> queries) {
    if (queries.size() > 1) {
      return List.of(batch, batch);
    }
    long minutes = Duration.between(batch.start(), batch.end()).toMinutes();
    if (minutes < 2) {
      return List.of();
    }
    Instant middle = batch.start().plus(Duration.ofMinutes(minutes / 2));
    return List.of(
        new Batch(batch.target(), batch.stats(), batch.consumers(), batch.start(), middle),
        new Batch(batch.target(), batch.stats(), batch.consumers(), middle, batch.end()));
  }

  /**
   * Searches a refused request for the queries at fault: by statistic first, then each refused
   * group by halves; a group of one statistic whose halves both fail with a 5xx is refused as a
   * whole (an endpoint that cannot answer a statistic), one refused with a 400 is halved down to
   * each query at fault. When every part fails with a 5xx, the service is failing rather than a
   * query: nothing is skipped.
   */
  private void isolate(
      Batch batch,
      List<Integer> queries,
      MetricSource.Failure why,
      Run run,
      Consumer<Series> whole) {
    Map<String, List<Integer>> byStat = new LinkedHashMap<>();
    for (int q : queries) {
      byStat.computeIfAbsent(batch.stats().get(q).stat(), k -> new ArrayList<>()).add(q);
    }
    List<List<Integer>> groups = new ArrayList<>(byStat.values());
    if (groups.size() == 1) {
      resolve(batch, groups.get(0), why, run, whole);
      return;
    }
    // The largest groups first: when the two largest are refused with a 5xx as well, the service
    // is failing, not one statistic, and the search stops there.
    groups.sort((a, b) -> Integer.compare(b.size(), a.size()));
    Map<List<Integer>, MetricSource.Failure> refused = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      List<Integer> g = groups.get(i);
      if (run.isolationLeft <= 0) {
        fail(batch, g, why.getMessage() + " (the search for the queries at fault stopped)", run);
        continue;
      }
      run.isolationLeft--;
      if (attempt(batch, g, run, whole, SPLIT_DEPTH) instanceof Refused r) {
        refused.put(g, r.why());
      }
      if (i == 1
          && refused.size() == 2
          && refused.values().stream().allMatch(MetricSource.Failure::serverError)) {
        groups.forEach(x -> fail(batch, x, why.getMessage(), run));
        return;
      }
    }
    refused.forEach((g, w) -> resolve(batch, g, w, run, whole));
  }

  /** Finds the refused queries of one group, by halves, within the poll's isolation budget. */
  private void resolve(
      Batch batch, List<Integer> group, MetricSource.Failure why, Run run, Consumer<Series> whole) {
    if (group.size() == 1) {
      skip(batch.stats().get(group.get(0)), why.getMessage(), run);
      return;
    }
    if (run.isolationLeft < 2) {
      fail(batch, group, why.getMessage() + " (the search for the queries at fault stopped)", run);
      return;
    }
    run.isolationLeft -= 2;
    List<Integer> first = group.subList(0, group.size() / 2);
    List<Integer> second = group.subList(group.size() / 2, group.size());
    Sent a = attempt(batch, first, run, whole, SPLIT_DEPTH);
    Sent b = attempt(batch, second, run, whole, SPLIT_DEPTH);
    boolean sameStat = group.stream().map(q -> batch.stats().get(q).stat()).distinct().count() == 1;
    if (a instanceof Refused ra
        && b instanceof Refused rb
        && sameStat
        && ra.why().serverError()
        && rb.why().serverError()) {
      // Both halves fail on the server, nothing in common but the statistic: the endpoint cannot
      // answer it. A 400 names a query at fault, so halving goes on down to each one.
      String reason =
          ra.why().getMessage()
              + " (refused with every other "
              + batch.stats().get(group.get(0)).stat()
              + " query of the request)";
      group.forEach(q -> skip(batch.stats().get(q), reason, run));
      return;
    }
    if (a instanceof Refused r) {
      resolve(batch, first, r.why(), run, whole);
    }
    if (b instanceof Refused r) {
      resolve(batch, second, r.why(), run, whole);
    }
  }

  private void skip(MetricStat stat, String why, Run run) {
    LOG.warnf("CloudWatch refuses the query %s: %s; skipped", stat, why);
    skipped.put(stat, new Skipped(why, run.now.plus(config.skipRetry())));
  }

  /** Datapoints a request of this batch asks: its queries times the periods of its window. */
  private static long datapoints(Batch batch, int queries) {
    long seconds = Duration.between(batch.start(), batch.end()).getSeconds();
    int period = batch.stats().isEmpty() ? 60 : batch.stats().get(0).periodSeconds();
    return queries * Math.max(1, seconds / Math.max(1, period));
  }

  /**
   * An answer in time: if the endpoint was slow for this many datapoints before, it may take as
   * many again, but no more than a third of the attempt timeout's worth at the pace just seen.
   */
  private void learn(AwsTarget target, long asked, long nanos) {
    Long limit = pace.get(target);
    if (limit == null || asked < limit) {
      return;
    }
    double perSecond = asked / Math.max(1e-3, nanos / 1e9);
    long fits = (long) (perSecond * 0.3 * attemptTimeout.toMillis() / 1000.0);
    pace.put(target, Math.max(limit, Math.min(fits, limit * 2)));
  }

  private Map<String, List<String>> skippedByEnvironment() {
    Map<String, List<String>> byEnv = new LinkedHashMap<>();
    for (SeriesPlan plan : plans.all()) {
      for (Series s : plan.fetched()) {
        Skipped k = skipped.get(s.stat().orElseThrow());
        if (k != null) {
          byEnv
              .computeIfAbsent(s.environment(), e -> new ArrayList<>())
              .add(s.stat().orElseThrow() + ": " + k.reason());
        }
      }
    }
    return byEnv;
  }

  private void store(Batch batch, int query, Points p, boolean complete, Consumer<Series> whole) {
    for (Series s : batch.consumers().get(query)) {
      store.put(s.key(), p.epochSeconds(), p.values());
      if (complete) {
        whole.accept(s);
      }
    }
  }

  private void fail(Batch batch, List<Integer> queries, String why, Run run) {
    LOG.warnf("GetMetricData for %s failed: %s", batch.target(), why);
    for (int q : queries) {
      batch.consumers().get(q).forEach(s -> run.failures.putIfAbsent(s.environment(), why));
    }
  }

  /** Due once its refresh has passed, within one period so a slightly early poll still takes it. */
  private static boolean isDue(Instant last, Duration refresh, Instant end) {
    return !end.isBefore(last.plus(refresh).minusSeconds(60));
  }

  private void derive(Instant from) {
    for (SeriesPlan plan : plans.all()) {
      plan.derived().forEach(d -> derive(plan.environment(), d, from));
    }
  }

  private void derive(String env, Derivation d, Instant from) {
    Points first = store.since(env + "/" + d.inputs().get(0), from.getEpochSecond());
    int n = first.size();
    long[] times = new long[n];
    double[] values = new double[n];
    int kept = 0;
    double[] in = new double[d.inputs().size()];
    for (int i = 0; i < n; i++) {
      long t = first.epochSeconds()[i];
      in[0] = first.values()[i];
      boolean complete = true;
      for (int k = 1; k < in.length && complete; k++) {
        in[k] = store.valueAt(env + "/" + d.inputs().get(k), t);
        complete = !Double.isNaN(in[k]);
      }
      double v = complete ? d.formula().applyAsDouble(in) : Double.NaN;
      if (!Double.isNaN(v)) {
        times[kept] = t;
        values[kept++] = v;
      }
    }
    store.put(d.series().key(), Arrays.copyOf(times, kept), Arrays.copyOf(values, kept));
  }

  /**
   * What one poll did.
   *
   * @param requests GetMetricData requests sent (pages beyond the first not included)
   * @param seriesFetched series that were due
   * @param failures environments whose data could not be refreshed, and why
   * @param skipped per environment, the queries CloudWatch refused on their own, left out
   */
  public record PollResult(
      int requests,
      int seriesFetched,
      Map<String, String> failures,
      Map<String, List<String>> skipped) {}
}
