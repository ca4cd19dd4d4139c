package io.stackwatch.web.api;

import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmInstance;
import io.stackwatch.alarm.Transition;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.WeightedPoints;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.History;
import io.stackwatch.web.chart.TimeWindow;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/environments/{name}/series/{id}}: a series' stored history over {@code range=} (1h,
 * 6h, 24h, 7d, 30d, 90d, 15mo) or {@code from=}/{@code to=} (ISO 8601), at the tier the window
 * calls for and never more than two points per pixel of {@code width}, with its unit, statistic and
 * the transitions of the alarms that read it. The interactive charts read it.
 */
@Path("/api/environments/{name}/series/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesHistoryResource {

  /** The chart width assumed when none is given, in pixels. */
  static final int DEFAULT_WIDTH = 800;

  static final int MIN_WIDTH = 50;
  static final int MAX_WIDTH = 4000;

  private final Snapshots snapshots;
  private final SeriesPlans plans;
  private final History history;
  private final AlarmEngine alarms;
  private final Clock clock;

  SeriesHistoryResource(
      Snapshots snapshots, SeriesPlans plans, History history, AlarmEngine alarms, Clock clock) {
    this.snapshots = snapshots;
    this.plans = plans;
    this.history = history;
    this.alarms = alarms;
    this.clock = clock;
  }

  /**
   * A series' points over a window.
   *
   * @param tier the tier read: {@code 1m}, {@code 5m} or {@code 1h}
   * @param step seconds between points: the tier's period, or more where the window holds more
   *     points than the width takes
   * @param points {@code [epochSecond, value]} pairs, oldest first
   * @param transitions alarm state changes of the series in the window, oldest first
   */
  public record SeriesHistoryJson(
      String environment,
      String id,
      String title,
      String unit,
      String statistic,
      Instant from,
      Instant to,
      String tier,
      int step,
      List<Object[]> points,
      List<TransitionJson> transitions) {}

  /** An alarm's change of state: when, which alarm, from and to. */
  public record TransitionJson(
      long at, String alarm, String title, String from, String to, String reason) {}

  @GET
  public SeriesHistoryJson get(
      @PathParam("name") String name,
      @PathParam("id") String id,
      @QueryParam("range") String range,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("width") String width) {
    EnvironmentState env =
        snapshots
            .current()
            .environment(name)
            .orElseThrow(() -> new NotFoundException("No environment named " + name + "."));
    Series series =
        plans
            .of(name)
            .flatMap(p -> p.find(id))
            .orElseThrow(() -> new NotFoundException("No series " + id + " in " + name + "."));
    Instant now = clock.instant();
    TimeWindow w = TimeWindow.parse(range, from, to, now);
    int pixels = width(width);
    long f = w.from().getEpochSecond();
    long t = Math.min(w.to().getEpochSecond(), now.getEpochSecond());
    History.Read read = history.read(series.key(), f, Math.max(f, t), 2 * pixels);
    WeightedPoints p = read.points();
    List<Object[]> points = new ArrayList<>(p.size());
    for (int i = 0; i < p.size(); i++) {
      points.add(new Object[] {p.epochSeconds()[i], p.values()[i]});
    }
    return new SeriesHistoryJson(
        name,
        id,
        series.title(),
        series.unit().key(),
        series.stat().map(s -> s.stat()).orElse("derived"),
        w.from(),
        w.to(),
        tierName(read.tier().periodSeconds()),
        read.stepSeconds(),
        points,
        transitions(env, series, w));
  }

  private List<TransitionJson> transitions(EnvironmentState env, Series series, TimeWindow w) {
    List<TransitionJson> found = new ArrayList<>();
    for (AlarmReading a : env.alarms()) {
      AlarmInstance i = a.status().instance();
      if (!i.series().id().equals(series.id())) {
        continue;
      }
      for (Transition tr : alarms.history(a.key(), EnvironmentResource.HISTORY)) {
        if (!tr.at().isBefore(w.from()) && !tr.at().isAfter(w.to())) {
          found.add(
              new TransitionJson(
                  tr.at().getEpochSecond(),
                  tr.alarmId(),
                  tr.title(),
                  tr.from().name(),
                  tr.to().name(),
                  tr.reason()));
        }
      }
    }
    found.sort(java.util.Comparator.comparingLong(TransitionJson::at));
    return found;
  }

  private static String tierName(int seconds) {
    return seconds >= 3600 ? seconds / 3600 + "h" : seconds / 60 + "m";
  }

  private static int width(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_WIDTH;
    }
    try {
      int w = Integer.parseInt(value.trim());
      if (w >= MIN_WIDTH && w <= MAX_WIDTH) {
        return w;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new BadRequestException(
        "No width \""
            + value
            + "\": give the chart's width in pixels, "
            + MIN_WIDTH
            + " to "
            + MAX_WIDTH
            + ".");
  }
}
