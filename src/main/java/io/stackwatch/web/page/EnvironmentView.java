package io.stackwatch.web.page;

import io.stackwatch.alarm.AlarmInstance;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.dashboard.ChartKind;
import io.stackwatch.dashboard.Dashboard;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.dashboard.Level;
import io.stackwatch.dashboard.Levels;
import io.stackwatch.dashboard.Panel;
import io.stackwatch.dashboard.PanelData;
import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.dashboard.Section;
import io.stackwatch.series.Points;
import io.stackwatch.series.Points.Sample;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.store.History;
import io.stackwatch.web.chart.Chart;
import io.stackwatch.web.chart.Display;
import io.stackwatch.web.chart.Palette;
import io.stackwatch.web.chart.Range;
import io.stackwatch.web.chart.TimeWindow;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment page: its card, its alarms, and the dashboards' sections over a range, each panel
 * drawn from the stored history up to the snapshot's poll, so the charts and the alarms beside them
 * tell of the same poll.
 */
@Singleton
class EnvironmentView {

  private final SeriesPlans plans;
  private final History history;
  private final Dashboards dashboards;

  EnvironmentView(SeriesPlans plans, History history, Dashboards dashboards) {
    this.plans = plans;
    this.history = history;
    this.dashboards = dashboards;
  }

  /** An environment, its alarms worst first, and the dashboards' sections. */
  record EnvironmentDetail(
      EnvironmentCard card,
      List<AlarmRow> firing,
      List<AlarmRow> alarms,
      List<SectionView> sections,
      String range,
      List<RangeLink> ranges,
      long refreshSeconds,
      List<String> skipped,
      String query,
      String earlier,
      String later,
      String compareUrl,
      boolean compare) {}

  /** A choice of range, and whether it is the one shown. */
  record RangeLink(String label, String url, boolean current) {}

  /** A section of the environment page. */
  record SectionView(String id, String title, List<PanelView> panels) {}

  /**
   * A panel as drawn: a chart (null for a budget panel), its legend with the newest values, links
   * to the AWS console, and for a budget panel the cost row (null until Cost Explorer answered).
   */
  record PanelView(
      String id,
      String title,
      String description,
      ChartKind kind,
      Chart chart,
      List<LegendRow> legend,
      List<Consoles.Link> consoles,
      CostPage.CostRow budget,
      String value,
      Level level,
      String age,
      String series,
      String unit,
      String thresholds) {

    public boolean isStat() {
      return kind == ChartKind.STAT;
    }

    public boolean isBudget() {
      return kind == ChartKind.BUDGET;
    }
  }

  /** One line of a chart: its title, where it comes from, colour, newest value, level and age. */
  record LegendRow(
      String title, String source, int colour, String value, Level level, String age) {}

  EnvironmentDetail detail(
      StackSnapshot snapshot,
      EnvironmentState env,
      TimeWindow window,
      boolean compare,
      Instant now) {
    long to = window.to().getEpochSecond();
    long from = window.from().getEpochSecond();
    // Points newer than the snapshot belong to a poll whose alarms are not evaluated yet.
    long until = Math.min(to, Math.min(now.getEpochSecond(), snapshot.asOf().getEpochSecond()));
    List<AlarmRow> alarms = env.alarms().stream().map(a -> AlarmRow.of(a, now)).toList();
    List<SectionView> sections = new ArrayList<>();
    SeriesPlan plan = plans.of(env.name()).orElseThrow();
    for (Section section : dashboards.sections(Dashboard.Page.ENVIRONMENT)) {
      List<PanelView> panels = new ArrayList<>();
      for (Panel p : section.panels()) {
        if (p.appliesTo(env.name())) {
          panel(p, env, plan, new Window(from, until, to), now).ifPresent(panels::add);
        }
      }
      if (!panels.isEmpty()) {
        sections.add(new SectionView(section.id(), section.title(), panels));
      }
    }
    String page = "/environments/" + env.name();
    List<RangeLink> ranges = new ArrayList<>();
    for (Range r : Range.values()) {
      ranges.add(
          new RangeLink(
              r.label, page + "?range=" + r.label, window.range().map(r::equals).orElse(false)));
    }
    long span = to - from;
    String earlier = page + "?" + absolute(from - span, to - span);
    // Later than now is the range ending now.
    String later =
        to + span >= now.getEpochSecond()
            ? page
                + "?"
                + window
                    .range()
                    .map(r -> "range=" + r.label)
                    .orElse(absolute(now.getEpochSecond() - span, now.getEpochSecond()))
            : page + "?" + absolute(from + span, to + span);
    return new EnvironmentDetail(
        EnvironmentCard.of(env, snapshot.cost(), now),
        alarms.stream().filter(a -> a.state() == AlarmState.ALARM).toList(),
        alarms,
        sections,
        window.range().map(r -> "last " + r.label).orElse(label(window)),
        ranges,
        LiveRefresh.seconds(snapshot, now),
        env.skippedQueries(),
        window.query(),
        earlier,
        window.range().isPresent() && to + span >= now.getEpochSecond() ? "" : later,
        page + "?" + window.query() + (compare ? "" : "&compare=previous"),
        compare);
  }

  private static String absolute(long from, long to) {
    return "from=" + Instant.ofEpochSecond(from) + "&to=" + Instant.ofEpochSecond(to);
  }

  private static final java.time.format.DateTimeFormatter DAY_TIME =
      java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** An absolute window as a person reads it, in UTC. */
  private static String label(TimeWindow w) {
    return DAY_TIME.format(w.from()) + " to " + DAY_TIME.format(w.to()) + " UTC";
  }

  /** The chart's time axis, and the newest time its points may have. */
  private record Window(long from, long until, long to) {}

  /** One panel in one environment; empty where it reads nothing there. */
  private Optional<PanelView> panel(
      Panel p, EnvironmentState env, SeriesPlan plan, Window w, Instant now) {
    if (p.kind() == ChartKind.BUDGET) {
      return Optional.of(
          new PanelView(
              p.id(),
              p.title(),
              p.description(),
              p.kind(),
              null,
              List.of(),
              List.of(),
              env.cost()
                  .map(c -> CostPage.row(c, LocalDate.ofInstant(now, ZoneOffset.UTC)))
                  .orElse(null),
              "",
              Level.NONE,
              "",
              "",
              "",
              ""));
    }
    List<Series> matched = PanelData.matching(plan, p.references());
    if (matched.isEmpty()) {
      return Optional.empty();
    }
    PanelUnit unit = PanelUnit.of(p.unit(), matched.get(0).unit());
    Levels levels = p.levels().orElse(Levels.NONE);
    List<Chart.Input> inputs = new ArrayList<>();
    List<LegendRow> legend = new ArrayList<>();
    if (p.expression().isPresent()) {
      Points points = PanelData.expression(p, plan, s -> points(s, w));
      inputs.add(new Chart.Input(p.title(), points, 0));
      legend.add(legendRow(p.title(), p.expr(), 0, points.last(), unit, levels, now));
    } else {
      for (int i = 0; i < matched.size(); i++) {
        Series s = matched.get(i);
        Points points = points(s, w);
        inputs.add(new Chart.Input(s.title(), points, Palette.colour(s.id(), i)));
        legend.add(
            legendRow(
                s.title(),
                s.stat().map(Object::toString).orElse("derived by stackwatch"),
                Palette.colour(s.id(), i),
                latest(env, s),
                unit,
                levels,
                now));
      }
    }
    Map<String, Chart.Threshold> thresholds = new LinkedHashMap<>();
    if (p.expression().isEmpty()) {
      Set<String> ids = matched.stream().map(Series::id).collect(Collectors.toSet());
      for (AlarmReading a : env.alarms()) {
        AlarmInstance i = a.status().instance();
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
          .flatMap(stat -> Consoles.of(stat, env.environment().region()))
          .ifPresent(l -> links.putIfAbsent(l.url(), l));
    }
    Chart chart =
        Chart.of(
            inputs,
            List.copyOf(thresholds.values()),
            unit,
            w.from(),
            w.to(),
            p.kind() == ChartKind.AREA);
    LegendRow first = legend.get(0);
    return Optional.of(
        new PanelView(
            p.id(),
            p.title(),
            p.description(),
            p.kind(),
            chart,
            legend,
            List.copyOf(links.values()),
            null,
            first.value(),
            first.level(),
            first.age(),
            p.expression().isPresent() ? "" : seriesJson(matched),
            unit.yamlName(),
            thresholdsJson(thresholds.values(), unit)));
  }

  /** The panel's series for the interactive chart: id, title, colour and dash. */
  private static String seriesJson(List<Series> matched) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < matched.size(); i++) {
      Series s = matched.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(json(s.id()))
          .append(",\"title\":")
          .append(json(s.title()))
          .append(",\"colour\":")
          .append(Palette.colour(s.id(), i))
          .append(",\"dashed\":")
          .append(Palette.dashed(s.id()))
          .append('}');
    }
    return b.append(']').toString();
  }

  private static String thresholdsJson(
      java.util.Collection<Chart.Threshold> thresholds, PanelUnit unit) {
    StringBuilder b = new StringBuilder("[");
    for (Chart.Threshold t : thresholds) {
      b.append(b.length() == 1 ? "" : ",")
          .append("{\"value\":")
          .append(t.value())
          .append(",\"label\":")
          .append(json(Chart.ruleLabel(t, unit)))
          .append(",\"severity\":")
          .append(json(t.severity()))
          .append('}');
    }
    return b.append(']').toString();
  }

  /** A JSON string; the template escapes it again for the attribute it goes in. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A series' points in the window, from the stored history at the tier the window calls for: the
   * server-drawn chart shows about one point every three pixels, so more would only weigh.
   */
  private Points points(Series s, Window w) {
    return history
        .read(s.key(), w.from(), Math.max(w.from(), w.until()), SVG_POINTS)
        .points()
        .points();
  }

  /** Points a server-drawn chart is given at most. */
  private static final int SVG_POINTS = 400;

  /** A series' newest point as the snapshot holds it. */
  private static Optional<Sample> latest(EnvironmentState env, Series s) {
    return env.series().stream()
        .filter(r -> r.series().id().equals(s.id()))
        .findFirst()
        .flatMap(r -> r.latest());
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
        last.map(l -> levels.of(l.value())).orElse(Level.NONE),
        last.map(l -> Display.age(l.at(), now)).orElse(""));
  }
}
