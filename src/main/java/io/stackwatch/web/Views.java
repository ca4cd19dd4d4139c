package io.stackwatch.web;

import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.Series;
import io.stackwatch.cloudwatch.SeriesPlan;
import io.stackwatch.cloudwatch.SeriesPlans;
import io.stackwatch.cloudwatch.Unit;
import io.stackwatch.cost.Costs;
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
  private final AlarmEngine alarms;
  private final Costs costs;
  private final Clock clock;

  Views(
      Catalog catalog,
      SeriesPlans plans,
      SampleStore store,
      Freshness freshness,
      AlarmEngine alarms,
      Costs costs,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.store = store;
    this.freshness = freshness;
    this.alarms = alarms;
    this.costs = costs;
    this.clock = clock;
  }

  /** Every alarm of every environment, worst first. */
  List<AlarmRow> alarms() {
    Instant now = clock.instant();
    return alarms.statuses().stream().map(s -> alarmRow(s, now)).toList();
  }

  /** One alarm and its history, newest first. */
  Optional<AlarmDetail> alarm(String environment, String id) {
    Instant now = clock.instant();
    String key = environment + "/" + id;
    return alarms
        .status(key)
        .map(
            s ->
                new AlarmDetail(
                    alarmRow(s, now),
                    alarms.history(key, 200).stream().map(t -> historyRow(t, s, now)).toList()));
  }

  private AlarmRow alarmRow(AlarmStatus s, Instant now) {
    Unit unit = s.instance().series().unit();
    return new AlarmRow(
        s.instance().environment(),
        s.instance().id(),
        s.instance().rule().title(),
        s.instance().rule().severity().yamlName(),
        stateName(s.state()),
        stateClass(s.state()),
        Display.age(s.since(), now),
        s.value().map(v -> Display.value(v, unit)).orElse(""),
        s.reason(),
        s.instance().rule().runbook(),
        "/alarms/" + s.instance().environment() + "/" + s.instance().id());
  }

  private static HistoryRow historyRow(Transition t, AlarmStatus s, Instant now) {
    Unit unit = s.instance().series().unit();
    return new HistoryRow(
        t.at().toString(),
        Display.age(t.at(), now),
        stateName(t.from()),
        stateName(t.to()),
        stateClass(t.to()),
        t.value().map(v -> Display.value(v, unit)).orElse(""),
        t.reason());
  }

  static String stateName(AlarmState state) {
    return switch (state) {
      case OK -> "OK";
      case ALARM -> "ALARM";
      case INSUFFICIENT_DATA -> "INSUFFICIENT DATA";
    };
  }

  static String stateClass(AlarmState state) {
    return switch (state) {
      case OK -> "ok";
      case ALARM -> "alarm";
      case INSUFFICIENT_DATA -> "unknown";
    };
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
              List<AlarmRow> envAlarms =
                  alarms.statuses(env.name()).stream().map(a -> alarmRow(a, now)).toList();
              return new EnvironmentDetail(
                  card(env, now), envAlarms, rows, freshness.skipped(env.name()));
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
    List<AlarmStatus> envAlarms = alarms.statuses(env.name());
    AlarmState worst = envAlarms.isEmpty() ? AlarmState.OK : envAlarms.get(0).state();
    long firing = envAlarms.stream().filter(a -> a.state() == AlarmState.ALARM).count();
    return new EnvironmentCard(
        env.name(),
        env.region(),
        stateClass(worst),
        firing == 0 ? stateName(worst) : firing + " firing",
        freshness.isStale(env.name(), now),
        status.lastSuccess().map(t -> Display.age(t, now)).orElse("never polled"),
        status.lastError().orElse(""),
        numbers,
        costLine(env));
  }

  /**
   * Month to date against the budget, with the forecast, such as "$312.40 of $600.00, forecast
   * $590.10".
   */
  private String costLine(Environment env) {
    if (costs.asOf().isEmpty()) {
      return "";
    }
    return costs
        .summary(env.name())
        .map(
            c ->
                CostPage.usd(c.monthToDate())
                    + " of "
                    + CostPage.usd(env.monthlyBudget())
                    + c.forecastMonth().map(f -> ", forecast " + CostPage.usd(f)).orElse("")
                    + (c.forecastOverBudget() ? " (over budget)" : ""))
        .orElse("");
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

  /** An environment at a glance; its health is its worst alarm's state. */
  record EnvironmentCard(
      String name,
      String region,
      String health,
      String healthText,
      boolean stale,
      String dataAge,
      String staleReason,
      List<KeyNumber> numbers,
      String cost) {}

  /** A labelled figure. */
  record KeyNumber(String label, String value) {}

  /** One series on the environment page. */
  record SeriesRow(String title, String source, String value, String age, Sparkline sparkline) {}

  /** An environment, its alarms worst first, and all its series. */
  record EnvironmentDetail(
      EnvironmentCard card, List<AlarmRow> alarms, List<SeriesRow> series, List<String> skipped) {}

  /** An alarm as a row of a page. */
  record AlarmRow(
      String environment,
      String id,
      String title,
      String severity,
      String state,
      String stateClass,
      String since,
      String value,
      String reason,
      String runbook,
      String historyUrl) {}

  /** One transition of an alarm's history. */
  record HistoryRow(
      String at, String age, String from, String to, String toClass, String value, String reason) {}

  /** An alarm and its history. */
  record AlarmDetail(AlarmRow alarm, List<HistoryRow> history) {}
}
