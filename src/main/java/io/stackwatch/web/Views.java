package io.stackwatch.web;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.Series;
import io.stackwatch.cloudwatch.SeriesPlan;
import io.stackwatch.cloudwatch.SeriesPlans;
import io.stackwatch.cloudwatch.Unit;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.Points;
import io.stackwatch.store.Points.Sample;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds what pages show from the stores as the last poll left them. Never calls AWS. */
@Singleton
class Views {

  private static final Duration SPARKLINE_WINDOW = Duration.ofHours(3);

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SampleStore store;
  private final Freshness freshness;
  private final Clock clock;

  Views(Catalog catalog, SeriesPlans plans, SampleStore store, Freshness freshness, Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.store = store;
    this.freshness = freshness;
    this.clock = clock;
  }

  List<EnvironmentCard> cards() {
    Instant now = clock.instant();
    return catalog.environments().stream().map(e -> card(e, now)).toList();
  }

  Optional<EnvironmentDetail> detail(String name) {
    Instant now = clock.instant();
    return catalog
        .find(name)
        .map(
            env -> {
              long to = now.getEpochSecond();
              long from = now.minus(SPARKLINE_WINDOW).getEpochSecond();
              List<SeriesRow> rows = new ArrayList<>();
              for (Series s : plan(env).all()) {
                Optional<Sample> last = store.latest(s.key());
                Points points = store.since(s.key(), from);
                rows.add(
                    new SeriesRow(
                        s.title(),
                        s.stat().map(Object::toString).orElse("derived by stackwatch"),
                        last.map(l -> Display.value(l.value(), s.unit())).orElse("no data"),
                        last.map(l -> Display.age(l.at(), now)).orElse(""),
                        Sparkline.of(points, from, to)));
              }
              return new EnvironmentDetail(card(env, now), rows);
            });
  }

  private EnvironmentCard card(Environment env, Instant now) {
    Freshness.Status status = freshness.of(env.name());
    SeriesPlan plan = plan(env);
    List<KeyNumber> numbers =
        List.of(
            number(plan, "api.5xx", "API 5xx / min"),
            number(plan, "api.latency_p99", "API p99 latency"),
            number(plan, "rds.cpu", "DB CPU"),
            number(plan, "cache.hit_ratio", "Cache hit ratio"),
            dlqDepth(plan));
    return new EnvironmentCard(
        env.name(),
        env.region(),
        freshness.isStale(env.name(), now),
        status.lastSuccess().map(t -> Display.age(t, now)).orElse("never polled"),
        status.lastError().orElse(""),
        numbers);
  }

  private KeyNumber number(SeriesPlan plan, String id, String label) {
    return plan.find(id)
        .flatMap(s -> store.latest(s.key()).map(l -> Display.value(l.value(), s.unit())))
        .map(v -> new KeyNumber(label, v))
        .orElse(new KeyNumber(label, "no data"));
  }

  /** Messages waiting in all dead-letter queues together. */
  private KeyNumber dlqDepth(SeriesPlan plan) {
    double total = 0;
    boolean any = false;
    for (Series s : plan.fetched()) {
      if (s.id().startsWith("sqs.") && s.id().endsWith("-dlq.visible")) {
        Optional<Sample> last = store.latest(s.key());
        if (last.isPresent()) {
          total += last.get().value();
          any = true;
        }
      }
    }
    return new KeyNumber("DLQ depth", any ? Display.value(total, Unit.COUNT) : "no data");
  }

  private SeriesPlan plan(Environment env) {
    return plans.of(env.name()).orElseThrow();
  }

  /** An environment at a glance. */
  record EnvironmentCard(
      String name,
      String region,
      boolean stale,
      String dataAge,
      String staleReason,
      List<KeyNumber> numbers) {}

  /** A labelled figure. */
  record KeyNumber(String label, String value) {}

  /** One series on the environment page. */
  record SeriesRow(String title, String source, String value, String age, Sparkline sparkline) {}

  /** An environment and all its series. */
  record EnvironmentDetail(EnvironmentCard card, List<SeriesRow> series) {}
}
