package io.stackwatch.cloudwatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.QueryPlanner.Batch;
import io.stackwatch.cloudwatch.QueryPlanner.Due;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.Points;
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
    List<Batch> batches = QueryPlanner.plan(due, end);

    Map<String, String> failures = new LinkedHashMap<>();
    for (Batch batch : batches) {
      try {
        List<Points> results = source.fetch(batch.target(), batch.stats(), batch.start(), end);
        for (int i = 0; i < results.size(); i++) {
          Points p = results.get(i);
          for (Series s : batch.consumers().get(i)) {
            store.put(s.key(), p.epochSeconds(), p.values());
            fetchedUntil.put(s.key(), end);
          }
        }
      } catch (RuntimeException e) {
        // A refused batch is expected; anything else is a defect, yet must not stop the others.
        String why =
            e instanceof MetricSource.Failure
                ? e.getMessage()
                : e.getClass().getName() + ": " + e.getMessage();
        LOG.warnf("GetMetricData for %s failed: %s", batch.target(), why);
        batch.consumers().stream()
            .flatMap(List::stream)
            .forEach(s -> failures.putIfAbsent(s.environment(), why));
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
      String why = failures.get(env.name());
      if (why == null) {
        freshness.succeeded(env.name(), now);
      } else {
        freshness.failed(env.name(), now, why);
      }
    }
    return new PollResult(batches.size(), due.size(), failures);
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
    store.put(
        d.series().key(),
        java.util.Arrays.copyOf(times, kept),
        java.util.Arrays.copyOf(values, kept));
  }

  /**
   * What one poll did.
   *
   * @param requests GetMetricData requests planned (pages beyond the first not included)
   * @param seriesFetched series that were due
   * @param failures environments whose data could not be refreshed, and why
   */
  public record PollResult(int requests, int seriesFetched, Map<String, String> failures) {}
}
