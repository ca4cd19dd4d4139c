package io.stackwatch.web;

import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmInstance;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cloudwatch.Series;
import io.stackwatch.cloudwatch.SeriesPlan;
import io.stackwatch.cloudwatch.SeriesPlans;
import io.stackwatch.cloudwatch.Unit;
import io.stackwatch.cost.Costs;
import io.stackwatch.dashboard.ChartKind;
import io.stackwatch.dashboard.Dashboard;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.dashboard.Levels;
import io.stackwatch.dashboard.MetricMath;
import io.stackwatch.dashboard.Panel;
import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.dashboard.Section;
import io.stackwatch.notify.OverdueItem;
import io.stackwatch.notify.OverdueMaintenance;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.Points;
import io.stackwatch.store.Points.Sample;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds what pages show from the stores as the last poll left them. Never calls AWS. */
@Singleton
class Views {

  /** How far back metric math looks for an overview number's latest point. */
  private static final Duration KEY_NUMBER_WINDOW = Duration.ofHours(1);

  private static final Levels NO_LEVELS = new Levels(Optional.empty(), Optional.empty(), false);

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SampleStore store;
  private final Freshness freshness;
  private final AlarmEngine alarms;
  private final Costs costs;
  private final Dashboards dashboards;
  private final OverdueMaintenance maintenance;
  private final PollConfig poll;
  private final Acknowledgements acknowledgements;
  private final Clock clock;

  Views(
      Catalog catalog,
      SeriesPlans plans,
      SampleStore store,
      Freshness freshness,
      AlarmEngine alarms,
      Costs costs,
      Dashboards dashboards,
      OverdueMaintenance maintenance,
      PollConfig poll,
      Acknowledgements acknowledgements,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.store = store;
    this.freshness = freshness;
    this.alarms = alarms;
    this.costs = costs;
    this.dashboards = dashboards;
    this.maintenance = maintenance;
    this.poll = poll;
    this.acknowledgements = acknowledgements;
    this.clock = clock;
  }

  /** Every alarm of every environment, worst first. */
  List<AlarmRow> alarms() {
    Instant now = clock.instant();
    return alarms.statuses().stream().map(s -> alarmRow(s, now)).toList();
  }

  /** One alarm, its acknowledgement while it holds, and its history, newest first. */
  Optional<AlarmDetail> alarm(String environment, String id) {
    Instant now = clock.instant();
    String key = environment + "/" + id;
    return alarms
        .status(key)
        .map(
            s ->
                new AlarmDetail(
                    alarmRow(s, now),
                    Acknowledgements.holding(s, acknowledgements.latest())
                        .map(
                            a ->
                                new AcknowledgementRow(
                                    a.user(),
                                    a.at().toString(),
                                    Display.age(a.at(), now),
                                    a.note()))
                        .orElse(null),
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

  /** Seconds between polls: how often a live page asks for fresh fragments. */
  long refreshSeconds() {
    return poll.interval().toSeconds();
  }

  /** The environment page: its card, its alarms, and the dashboards' sections over a range. */
  Optional<EnvironmentDetail> detail(String name, Range range) {
    Instant now = clock.instant();
    return catalog
        .find(name)
        .map(
            env -> {
              long to = now.getEpochSecond();
              long from = now.minus(range.duration).getEpochSecond();
              List<AlarmStatus> statuses = alarms.statuses(env.name());
              List<AlarmRow> envAlarms = statuses.stream().map(a -> alarmRow(a, now)).toList();
              List<AlarmRow> firing =
                  envAlarms.stream().filter(a -> a.stateClass().equals("alarm")).toList();
              List<SectionView> sections = new ArrayList<>();
              for (Section section : dashboards.sections(Dashboard.Page.ENVIRONMENT)) {
                List<PanelView> panels = new ArrayList<>();
                for (Panel p : section.panels()) {
                  panel(p, env, statuses, from, to, now).ifPresent(panels::add);
                }
                if (!panels.isEmpty()) {
                  sections.add(new SectionView(section.id(), section.title(), panels));
                }
              }
              List<RangeLink> ranges = new ArrayList<>();
              for (Range r : Range.values()) {
                ranges.add(
                    new RangeLink(
                        r.label, "/environments/" + env.name() + "?range=" + r.label, r == range));
              }
              return new EnvironmentDetail(
                  card(env, now),
                  firing,
                  envAlarms,
                  sections,
                  range.label,
                  ranges,
                  refreshSeconds(),
                  freshness.skipped(env.name()));
            });
  }

  /** One panel in one environment; empty where it does not apply or reads nothing there. */
  private Optional<PanelView> panel(
      Panel p, Environment env, List<AlarmStatus> statuses, long from, long to, Instant now) {
    if (!p.appliesTo(env.name())) {
      return Optional.empty();
    }
    if (p.kind() == ChartKind.BUDGET) {
      CostPage.CostRow budget =
          costs.asOf().isEmpty()
              ? null
              : costs
                  .summary(env.name())
                  .map(c -> CostPage.row(c, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                  .orElse(null);
      return Optional.of(
          new PanelView(
              p.id(),
              p.title(),
              p.description(),
              "budget",
              null,
              List.of(),
              List.of(),
              budget,
              "",
              "none",
              ""));
    }
    SeriesPlan plan = plan(env);
    List<Chart.Input> inputs = new ArrayList<>();
    List<LegendRow> legend = new ArrayList<>();
    List<Series> matched = matching(plan, p.references());
    if (matched.isEmpty()) {
      return Optional.empty();
    }
    PanelUnit unit = PanelUnit.of(p.unit(), matched.get(0).unit());
    Levels levels = p.levels().orElse(NO_LEVELS);
    if (p.expression().isPresent()) {
      Map<String, List<Points>> byRef = new HashMap<>();
      for (String ref : p.references()) {
        byRef.put(
            ref,
            matching(plan, List.of(ref)).stream().map(s -> store.since(s.key(), from)).toList());
      }
      Points points = MetricMath.evaluate(p.expression().get(), byRef);
      inputs.add(new Chart.Input(p.title(), points, 0));
      legend.add(legendRow(p.title(), p.expr(), 0, points.last(), unit, levels, now));
    } else {
      for (int i = 0; i < matched.size(); i++) {
        Series s = matched.get(i);
        inputs.add(new Chart.Input(s.title(), store.since(s.key(), from), i));
        legend.add(
            legendRow(
                s.title(),
                s.stat().map(Object::toString).orElse("derived by stackwatch"),
                i,
                store.latest(s.key()),
                unit,
                levels,
                now));
      }
    }
    Set<String> ids = matched.stream().map(Series::id).collect(Collectors.toSet());
    Map<String, Chart.Threshold> thresholds = new LinkedHashMap<>();
    if (p.expression().isEmpty()) {
      for (AlarmStatus a : statuses) {
        AlarmInstance i = a.instance();
        if (ids.contains(i.series().id()) && i.threshold().isPresent()) {
          String label = "alarm: " + i.rule().title();
          thresholds.putIfAbsent(
              label + i.threshold().get(),
              new Chart.Threshold(i.threshold().get(), label, i.rule().severity().yamlName()));
        }
      }
    }
    Map<String, Consoles.Link> links = new LinkedHashMap<>();
    for (Series s : matched) {
      s.stat()
          .filter(x -> s.fromCloudWatch())
          .flatMap(stat -> Consoles.of(stat, env.region()))
          .ifPresent(l -> links.putIfAbsent(l.url(), l));
    }
    Chart chart =
        Chart.of(
            inputs, List.copyOf(thresholds.values()), unit, from, to, p.kind() == ChartKind.AREA);
    LegendRow first = legend.get(0);
    return Optional.of(
        new PanelView(
            p.id(),
            p.title(),
            p.description(),
            p.kind().yamlName(),
            chart,
            legend,
            List.copyOf(links.values()),
            null,
            first.value(),
            first.level(),
            first.age()));
  }

  private static LegendRow legendRow(
      String title,
      String source,
      int colour,
      Optional<Sample> last,
      PanelUnit unit,
      Levels levels,
      Instant now) {
    return new LegendRow(
        title,
        source,
        colour % Chart.COLOURS,
        last.map(l -> unit.format(l.value())).orElse("no data"),
        last.map(l -> levels.of(l.value())).orElse("none"),
        last.map(l -> Display.age(l.at(), now)).orElse(""));
  }

  /** The series of a plan any of the patterns match, in pattern order, each once. */
  private static List<Series> matching(SeriesPlan plan, List<String> patterns) {
    Map<String, Series> found = new LinkedHashMap<>();
    List<Series> all = plan.all();
    for (String pattern : patterns) {
      for (Series s : all) {
        if (Panel.matches(pattern, s.id())) {
          found.putIfAbsent(s.id(), s);
        }
      }
    }
    return List.copyOf(found.values());
  }

  private EnvironmentCard card(Environment env, Instant now) {
    Freshness.Status status = freshness.of(env.name());
    SeriesPlan plan = plan(env);
    List<KeyNumber> numbers = new ArrayList<>();
    for (Section section : dashboards.sections(Dashboard.Page.OVERVIEW)) {
      for (Panel p : section.panels()) {
        if (p.appliesTo(env.name())) {
          numbers.add(number(plan, p, now));
        }
      }
    }
    List<AlarmStatus> envAlarms = alarms.statuses(env.name());
    AlarmState worst = envAlarms.isEmpty() ? AlarmState.OK : envAlarms.get(0).state();
    long firing = envAlarms.stream().filter(a -> a.state() == AlarmState.ALARM).count();
    String overdueText;
    String overdueClass;
    try {
      Optional<List<OverdueItem>> overdue = maintenance.overdue(env.name(), now);
      overdueText =
          overdue
              .map(o -> o.isEmpty() ? "none overdue" : o.size() + " overdue")
              .orElse("not tracked yet");
      overdueClass = overdue.map(o -> o.isEmpty() ? "ok" : "alarm").orElse("unknown");
    } catch (StoreUnavailableException e) {
      // The sign-offs live in the store; the rest of the card serves from memory.
      overdueText = "unknown while the store is unavailable";
      overdueClass = "unknown";
    }
    return new EnvironmentCard(
        env.name(),
        env.region(),
        stateClass(worst),
        firing == 0 ? stateName(worst) : firing + " firing",
        freshness.isStale(env.name(), now),
        status.lastSuccess().map(t -> Display.age(t, now)).orElse("never polled"),
        status.lastError().orElse(""),
        numbers,
        costLine(env),
        costs.asOf().isEmpty()
            ? null
            : costs
                .summary(env.name())
                .map(c -> CostPage.row(c, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                .orElse(null),
        costs.asOf().map(t -> Display.age(t, now)).orElse(""),
        overdueText,
        overdueClass);
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

  /** An overview panel's latest value: of its first series, or of its metric math. */
  private KeyNumber number(SeriesPlan plan, Panel p, Instant now) {
    List<Series> matched = matching(plan, p.references());
    if (matched.isEmpty()) {
      return new KeyNumber(p.title(), "no data", "none", "");
    }
    PanelUnit unit = PanelUnit.of(p.unit(), matched.get(0).unit());
    Optional<Sample> last;
    if (p.expression().isPresent()) {
      long from = now.minus(KEY_NUMBER_WINDOW).getEpochSecond();
      Map<String, List<Points>> byRef = new HashMap<>();
      for (String ref : p.references()) {
        byRef.put(
            ref,
            matching(plan, List.of(ref)).stream().map(s -> store.since(s.key(), from)).toList());
      }
      last = MetricMath.evaluate(p.expression().get(), byRef).last();
    } else {
      last = store.latest(matched.get(0).key());
    }
    Levels levels = p.levels().orElse(NO_LEVELS);
    return new KeyNumber(
        p.title(),
        last.map(l -> unit.format(l.value())).orElse("no data"),
        last.map(l -> levels.of(l.value())).orElse("none"),
        last.map(l -> Display.age(l.at(), now)).orElse(""));
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
      String cost,
      CostPage.CostRow budget,
      String costAge,
      String maintenance,
      String maintenanceClass) {}

  /** A labelled figure, its level ({@code ok}, {@code warning}, {@code critical}) and age. */
  record KeyNumber(String label, String value, String level, String age) {}

  /** An environment, its alarms worst first, and the dashboards' sections. */
  record EnvironmentDetail(
      EnvironmentCard card,
      List<AlarmRow> firing,
      List<AlarmRow> alarms,
      List<SectionView> sections,
      String range,
      List<RangeLink> ranges,
      long refreshSeconds,
      List<String> skipped) {}

  /** A choice of range, and whether it is the one shown. */
  record RangeLink(String label, String url, boolean current) {}

  /** A section of the environment page. */
  record SectionView(String id, String title, List<PanelView> panels) {}

  /**
   * A panel as drawn: a chart (null for a budget panel), its legend with the latest values, links
   * to the AWS console, and for a budget panel the cost row (null until Cost Explorer answered).
   */
  record PanelView(
      String id,
      String title,
      String description,
      String kind,
      Chart chart,
      List<LegendRow> legend,
      List<Consoles.Link> consoles,
      CostPage.CostRow budget,
      String value,
      String level,
      String age) {

    public boolean isStat() {
      return kind.equals("stat");
    }

    public boolean isBudget() {
      return kind.equals("budget");
    }
  }

  /** One line of a chart: its title, where it comes from, colour, latest value, level and age. */
  record LegendRow(
      String title, String source, int colour, String value, String level, String age) {}

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

  /** An alarm, its acknowledgement (null when none holds) and its history. */
  record AlarmDetail(
      AlarmRow alarm, AcknowledgementRow acknowledgement, List<HistoryRow> history) {}

  /** Who acknowledged an alarm, when, and what they said. */
  record AcknowledgementRow(String user, String at, String age, String note) {}
}
