package io.stackwatch.cloudwatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Polls CloudWatch into the sample store. Each poll fetches the series that are due, each from the
 * end of its last fetch less an overlap (CloudWatch revises its newest points), in as few
 * GetMetricData requests as the 500-query limit allows, then computes the derived series. A failing
 * request marks only the environments whose series it carried as stale; their last good data stays,
 * and the next poll reads the whole window since, so nothing is lost.
 */
@Singleton
public class CloudWatchCollector {

  private static final Logger LOG = Logger.getLogger(CloudWatchCollector.class);

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final MetricSource source;
  private final SampleStore store;
  private final Freshness freshness;
  private final PollConfig config;
  private final Clock clock;
  private final Timer pollTimer;
  private final Map<String, Instant> fetchedUntil = new ConcurrentHashMap<>();
  // Queries CloudWatch refused on their own, and until when they are left out of polls.
  private final Map<MetricStat, Skipped> skipped = new ConcurrentHashMap<>();

  private record Skipped(String reason, Instant until) {}

  public CloudWatchCollector(
      Catalog catalog,
      SeriesPlans plans,
      MetricSource source,
      SampleStore store,
      Freshness freshness,
      PollConfig config,
      Clock clock,
      MeterRegistry registry) {
    this.catalog = catalog;
    this.plans = plans;
    this.source = source;
    this.store = store;
    this.freshness = freshness;
    this.config = config;
    this.clock = clock;
    this.pollTimer =
        Timer.builder("stackwatch.poll.duration")
            .description("Time taken by one CloudWatch poll of every environment")
            .register(registry);
  }

  /** One poll of every environment. */
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
        if (last == null) {
          due.add(new Due(s, target, end.minus(config.backfill())));
        } else if (isDue(last, s.refresh(), end)) {
          due.add(new Due(s, target, last.minus(config.overlap())));
        }
      }
    }
    // A query refused on its own is left out until its retry time, and stays reported.
    skipped.values().removeIf(k -> !now.isBefore(k.until()));
    due.removeIf(d -> skipped.containsKey(d.series().stat().orElseThrow()));
    List<Batch> batches = QueryPlanner.plan(due, end);

    Poll poll = new Poll(end, System.nanoTime() + config.budget().toNanos(), now);
    for (Batch batch : batches) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < batch.stats().size(); i++) {
        all.add(i);
      }
      MetricSource.Failure refused = attempt(batch, all, poll);
      if (refused != null) {
        bisect(batch, all, refused, poll);
      }
    }
    Map<String, String> failures = poll.failures;
    Map<String, List<String>> skippedByEnv = new LinkedHashMap<>();
    for (SeriesPlan plan : plans.all()) {
      for (Series s : plan.fetched()) {
        Skipped k = skipped.get(s.stat().orElseThrow());
        if (k != null) {
          skippedByEnv
              .computeIfAbsent(s.environment(), e -> new ArrayList<>())
              .add(s.stat().orElseThrow() + ": " + k.reason());
        }
      }
    }

    Instant derivedFrom =
        batches.stream()
            .map(Batch::start)
            .min(Instant::compareTo)
            .orElse(end.minus(config.overlap()));
    for (SeriesPlan plan : plans.all()) {
      plan.derived().forEach(d -> derive(plan.environment(), d, derivedFrom));
    }
    for (Environment env : catalog.environments()) {
      freshness.skipped(env.name(), skippedByEnv.getOrDefault(env.name(), List.of()));
      String why = failures.get(env.name());
      if (why == null) {
        freshness.succeeded(env.name(), now);
      } else {
        freshness.failed(env.name(), now, why);
      }
    }
    return new PollResult(batches.size(), due.size(), failures, skippedByEnv);
  }

  /** One poll's window, time budget and failures so far. */
  private static final class Poll {
    final Instant end;
    final long deadline;
    final Instant now;
    final Map<String, String> failures = new LinkedHashMap<>();

    Poll(Instant end, long deadline, Instant now) {
      this.end = end;
      this.deadline = deadline;
      this.now = now;
    }

    boolean timeLeft() {
      return System.nanoTime() < deadline;
    }
  }

  /**
   * Fetches some queries of a batch and stores what came.
   *
   * @return the failure when the request was refused as a whole and time is left to split it;
   *     otherwise null (other failures mark the environments of these queries stale)
   */
  private MetricSource.Failure attempt(Batch batch, List<Integer> queries, Poll poll) {
    if (!poll.timeLeft()) {
      fail(
          batch,
          queries,
          "the poll's time budget of " + config.budget().toSeconds() + " s was used up first",
          poll);
      return null;
    }
    List<MetricStat> stats = queries.stream().map(batch.stats()::get).toList();
    try {
      List<Points> results = source.fetch(batch.target(), stats, batch.start(), poll.end);
      for (int i = 0; i < results.size(); i++) {
        store(batch, queries.get(i), results.get(i), true, poll);
      }
      return null;
    } catch (MetricSource.PartialData p) {
      // Keep what came; a query whose data is incomplete is read again from the same start.
      for (int i = 0; i < p.points().size(); i++) {
        boolean whole = !p.incomplete().get(i);
        store(batch, queries.get(i), p.points().get(i), whole, poll);
        if (!whole) {
          fail(batch, List.of(queries.get(i)), p.getMessage(), poll);
        }
      }
      return null;
    } catch (MetricSource.Failure e) {
      if (e.refused() && poll.timeLeft()) {
        return e;
      }
      fail(batch, queries, e.getMessage(), poll);
      return null;
    } catch (RuntimeException e) {
      // Anything else is a defect, yet must not stop the other batches.
      LOG.errorf("GetMetricData for %s failed unexpectedly: %s", batch.target(), e);
      fail(batch, queries, e.getClass().getName() + ": " + e.getMessage(), poll);
      return null;
    }
  }

  /**
   * Splits a refused request in halves to find the query at fault: it is skipped and reported, the
   * rest collected. When both halves are refused with a server error the service itself is failing,
   * not a query: the search stops there, so an outage costs two more calls, not hundreds.
   */
  private void bisect(Batch batch, List<Integer> queries, MetricSource.Failure why, Poll poll) {
    if (queries.size() == 1) {
      MetricStat stat = batch.stats().get(queries.get(0));
      LOG.warnf("CloudWatch refuses the query %s: %s; skipped", stat, why.getMessage());
      skipped.put(stat, new Skipped(why.getMessage(), poll.now.plus(config.skipRetry())));
      return;
    }
    List<Integer> first = queries.subList(0, queries.size() / 2);
    List<Integer> second = queries.subList(queries.size() / 2, queries.size());
    MetricSource.Failure a = attempt(batch, first, poll);
    MetricSource.Failure b = attempt(batch, second, poll);
    if (a != null && b != null && a.serverError() && b.serverError()) {
      fail(batch, queries, why.getMessage(), poll);
      return;
    }
    if (a != null) {
      bisect(batch, first, a, poll);
    }
    if (b != null) {
      bisect(batch, second, b, poll);
    }
  }

  private void store(Batch batch, int query, Points p, boolean whole, Poll poll) {
    for (Series s : batch.consumers().get(query)) {
      store.put(s.key(), p.epochSeconds(), p.values());
      if (whole) {
        fetchedUntil.put(s.key(), poll.end);
      }
    }
  }

  private void fail(Batch batch, List<Integer> queries, String why, Poll poll) {
    LOG.warnf("GetMetricData for %s failed: %s", batch.target(), why);
    for (int q : queries) {
      batch.consumers().get(q).forEach(s -> poll.failures.putIfAbsent(s.environment(), why));
    }
  }

  /** Due once its refresh has passed, within one period so a slightly early poll still takes it. */
  private static boolean isDue(Instant last, Duration refresh, Instant end) {
    return !end.isBefore(last.plus(refresh).minusSeconds(60));
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
    long[] t = java.util.Arrays.copyOf(times, kept);
    double[] v = java.util.Arrays.copyOf(values, kept);
    store.put(d.series().key(), t, v);
  }

  /**
   * What one poll did.
   *
   * @param requests GetMetricData requests planned (pages beyond the first not included)
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
