package io.stackwatch.export;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.quarkus.runtime.StartupEvent;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points.Sample;
import io.stackwatch.series.Series;
import io.stackwatch.series.Unit;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.CostReport;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.SeriesReading;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Adds the collected series and stackwatch's own state to {@code /q/metrics}, from the snapshot the
 * last poll published (and stackwatch's own call counters). Each scrape never calls AWS, and
 * renders only what moves between polls: the snapshot's families are rendered once per snapshot.
 */
@Singleton
public class PrometheusExport extends Collector {

  private final Snapshots snapshots;
  private final ApiCallMeter meter;
  private final Clock clock;
  private final String source;
  private final Map<String, Stored> rendered = new java.util.concurrent.ConcurrentHashMap<>();

  @Inject
  public PrometheusExport(Snapshots snapshots, ApiCallMeter meter, Clock clock, AwsConfig aws) {
    this(snapshots, meter, clock, aws.sourceName());
  }

  /**
   * @param source where the numbers come from, {@code simulator} or {@code aws}
   */
  public PrometheusExport(Snapshots snapshots, ApiCallMeter meter, Clock clock, String source) {
    this.snapshots = snapshots;
    this.meter = meter;
    this.clock = clock;
    this.source = source;
  }

  void register(@Observes StartupEvent start, PrometheusMeterRegistry registry) {
    registry.getPrometheusRegistry().register(this);
  }

  /**
   * What moves between polls, rendered at each scrape after {@link #stored}: whether each
   * environment is stale, the age of the cost data, and the AWS calls made.
   */
  @Override
  public List<MetricFamilySamples> collect() {
    StackSnapshot snapshot = snapshots.current();
    Instant now = clock.instant();
    List<MetricFamilySamples> out = new ArrayList<>();
    out.add(stale(snapshot, now));
    costAge(snapshot, now).ifPresent(out::add);
    out.addAll(awsCalls());
    return out;
  }

  /**
   * The families of the current snapshot in one format, rendered once: again only when a new
   * snapshot is published (a poll, a silence made or expired), a series it shows grows too old to
   * be shown, or a silence starts or ends by the clock.
   *
   * @param contentType {@link io.prometheus.client.exporter.common.TextFormat#CONTENT_TYPE_004} or
   *     OpenMetrics'
   */
  public ScrapeBody stored(String contentType) {
    StackSnapshot snapshot = snapshots.current();
    Instant now = clock.instant();
    Stored kept = rendered.get(contentType);
    if (kept != null && kept.holds(snapshot, now)) {
      return kept.body();
    }
    synchronized (this) {
      kept = rendered.get(contentType);
      if (kept != null && kept.holds(snapshot, now)) {
        return kept.body();
      }
      List<MetricFamilySamples> families = new ArrayList<>();
      families.add(info());
      families.addAll(series(snapshot, now));
      families.addAll(environments(snapshot));
      families.addAll(alarmStates(snapshot));
      families.add(silenced(snapshot, now));
      families.addAll(cost(snapshot, now));
      families.addAll(maintenance(snapshot));
      Instant until = shownUntil(snapshot, now);
      Instant boundary = silenceBoundary(snapshot, now);
      kept =
          new Stored(
              snapshot,
              boundary.isBefore(until) ? boundary : until,
              ScrapeBody.render(families, contentType));
      rendered.put(contentType, kept);
      return kept.body();
    }
  }

  /** A format's rendering, of which snapshot, true until when. */
  private record Stored(StackSnapshot snapshot, Instant until, ScrapeBody body) {
    boolean holds(StackSnapshot current, Instant now) {
      return snapshot == current && now.isBefore(until);
    }
  }

  /**
   * {@code stackwatch_info{source="simulator"} 1}: where the numbers come from, so a Grafana panel
   * or an alert can tell simulated data from an account's ({@code source="aws"}).
   */
  private MetricFamilySamples info() {
    GaugeMetricFamily info =
        new GaugeMetricFamily(
            "stackwatch_info",
            "Always 1; source is where the numbers come from: simulator (the built-in AWS"
                + " simulator) or aws (an AWS account)",
            List.of("source"));
    info.addMetric(List.of(source), 1);
    return info;
  }

  /** Each chore: overdue or not, and when it was last signed off (global chores: "global"). */
  private static List<MetricFamilySamples> maintenance(StackSnapshot snapshot) {
    List<String> labels = List.of("environment", "check", "cadence");
    GaugeMetricFamily overdue =
        new GaugeMetricFamily(
            "stackwatch_maintenance_overdue",
            "1 when the maintenance chore is past its grace without a sign-off, else 0",
            labels);
    GaugeMetricFamily lastDone =
        new GaugeMetricFamily(
            "stackwatch_maintenance_last_done_timestamp_seconds",
            "When the maintenance chore was last signed off",
            labels);
    List<Optional<List<ItemStatus>>> scopes = new ArrayList<>();
    snapshot.environments().forEach(e -> scopes.add(e.maintenance()));
    scopes.add(snapshot.global());
    // While the store cannot be read the chores are left out, as unknown.
    scopes.forEach(
        scope ->
            scope.orElse(List.of()).stream()
                .forEach(
                    s -> {
                      List<String> v =
                          List.of(s.environment(), s.item().id(), s.item().cadence().yamlName());
                      overdue.addMetric(v, s.state().isOverdue() ? 1 : 0);
                      s.lastDone().ifPresent(t -> lastDone.addMetric(v, t.toEpochMilli() / 1000.0));
                    }));
    return List.of(overdue, lastDone);
  }

  /** Cost Explorer's figures as last stored; untagged spend under environment="". */
  private static List<MetricFamilySamples> cost(StackSnapshot snapshot, Instant now) {
    CostReport costs = snapshot.cost();
    GaugeMetricFamily monthToDate =
        new GaugeMetricFamily(
            "stackwatch_cost_month_to_date_usd",
            "Cost this month so far, per environment and AWS service, in US dollars",
            List.of("environment", "service"));
    GaugeMetricFamily forecast =
        new GaugeMetricFamily(
            "stackwatch_cost_forecast_usd",
            "Cost Explorer's forecast for the whole month, month to date included, in US dollars",
            List.of("environment"));
    GaugeMetricFamily budget =
        new GaugeMetricFamily(
            "stackwatch_budget_usd",
            "Monthly budget of the environment, in US dollars",
            List.of("environment"));
    GaugeMetricFamily daily =
        new GaugeMetricFamily(
            "stackwatch_cost_daily_usd",
            "Cost of the newest complete day (yesterday, UTC), in US dollars",
            List.of("environment"));
    List<MetricFamilySamples> out = new ArrayList<>(List.of(monthToDate, forecast, budget, daily));
    if (costs.asOf().isEmpty()) {
      return out;
    }
    LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    for (CostSummary s : costs.summaries()) {
      List<String> env = List.of(s.environment());
      s.byService()
          .forEach(
              (service, usd) ->
                  monthToDate.addMetric(List.of(s.environment(), service), usd.doubleValue()));
      s.forecastMonth().ifPresent(f -> forecast.addMetric(env, f.doubleValue()));
      s.budget().ifPresent(b -> budget.addMetric(env, b.doubleValue()));
      s.daily().stream()
          .filter(d -> d.day().equals(yesterday))
          .forEach(d -> daily.addMetric(env, d.amount().doubleValue()));
    }
    return out;
  }

  private static Optional<MetricFamilySamples> costAge(StackSnapshot snapshot, Instant now) {
    return snapshot
        .cost()
        .asOf()
        .map(
            t ->
                new GaugeMetricFamily(
                    "stackwatch_cost_data_age_seconds",
                    "Seconds since Cost Explorer was last asked",
                    Duration.between(t, now).toSeconds()));
  }

  /**
   * Whether a silence holds each alarm: a series of its own, so a silence starting or ending never
   * changes the state series' labels, and a silenced alarm keeps its state.
   */
  private static MetricFamilySamples silenced(StackSnapshot snapshot, Instant now) {
    GaugeMetricFamily silenced =
        new GaugeMetricFamily(
            "stackwatch_alarm_silenced",
            "1 while a silence holds the alarm: it is evaluated and shown but sends nothing",
            ALARM_LABELS);
    for (AlarmReading a : snapshot.alarms()) {
      silenced.addMetric(labels(a.status()), a.silenced(now) ? 1 : 0);
    }
    return silenced;
  }

  /** Each alarm's state (0 OK, 1 ALARM, 2 INSUFFICIENT_DATA) and its transitions. */
  private static List<MetricFamilySamples> alarmStates(StackSnapshot snapshot) {
    GaugeMetricFamily state =
        new GaugeMetricFamily(
            "stackwatch_alarm_state",
            "Alarm state as evaluated by stackwatch: 0 OK, 1 ALARM, 2 INSUFFICIENT_DATA",
            ALARM_LABELS);
    CounterMetricFamily transitions =
        new CounterMetricFamily(
            "stackwatch_alarm_transitions",
            "Alarm state changes recorded by this process",
            ALARM_LABELS);
    for (AlarmReading a : snapshot.alarms()) {
      AlarmStatus s = a.status();
      List<String> v = labels(s);
      state.addMetric(
          v,
          switch (s.state()) {
            case OK -> 0;
            case ALARM -> 1;
            case INSUFFICIENT_DATA -> 2;
          });
      transitions.addMetric(v, a.transitions());
    }
    return List.of(state, transitions);
  }

  private static final List<String> ALARM_LABELS = List.of("environment", "alarm", "severity");

  private static List<String> labels(AlarmStatus s) {
    return List.of(
        s.instance().environment(), s.instance().id(), s.instance().rule().severity().yamlName());
  }

  /**
   * One gauge family per metric and statistic, labels made consistent within a family. A series
   * whose newest datapoint is older than two refreshes is left out, as the exporter leaves out what
   * CloudWatch did not publish in its window: ALB and API Gateway publish error counts only while
   * there are errors, and a value frozen at the last burst would keep an alert firing.
   */
  private static List<MetricFamilySamples> series(StackSnapshot snapshot, Instant now) {
    Map<String, List<Row>> families = new LinkedHashMap<>();
    for (EnvironmentState env : snapshot.environments()) {
      String region = env.environment().region();
      for (SeriesReading reading : env.series()) {
        Series s = reading.series();
        Optional<Sample> latest = reading.latest();
        if (latest.isEmpty() || shownUntil(reading, snapshot.pollInterval()).isBefore(now)) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        double value = latest.get().value();
        if (s.fromCloudWatch()) {
          MetricStat stat = s.stat().get();
          name = YaceNames.metricName(stat);
          stat.dimensions().forEach(d -> labels.put(YaceNames.dimensionLabel(d.name()), d.value()));
        } else {
          name = "stackwatch_" + s.id().replace('.', '_');
          // Derived and recorded ratios are kept in percent for display; Prometheus prefers 0..1.
          value = s.unit() == Unit.PERCENT ? value / 100 : value;
        }
        labels.put("region", region);
        labels.put("environment", s.environment());
        String help = help(s);
        families.computeIfAbsent(name, k -> new ArrayList<>()).add(new Row(labels, value, help));
      }
    }
    List<MetricFamilySamples> out = new ArrayList<>(families.size());
    families.forEach(
        (name, rows) -> {
          Set<String> labelNames = new LinkedHashSet<>();
          rows.forEach(r -> labelNames.addAll(r.labels().keySet()));
          List<String> names = List.copyOf(labelNames);
          GaugeMetricFamily family = new GaugeMetricFamily(name, rows.get(0).help(), names);
          for (Row r : rows) {
            family.addMetric(
                names.stream().map(n -> r.labels().getOrDefault(n, "")).toList(), r.value());
          }
          out.add(family);
        });
    return out;
  }

  /**
   * What a family is: a CloudWatch metric's namespace, name, statistic and period (the newest value
   * polled, in CloudWatch's unit); a series stackwatch derives or records, its title and unit.
   */
  private static String help(Series s) {
    if (s.fromCloudWatch()) {
      MetricStat stat = s.stat().get();
      return String.format(
          Locale.ROOT,
          "CloudWatch %s %s, %s over %d s, newest value polled (%s)",
          stat.namespace(),
          stat.metricName(),
          stat.stat(),
          stat.periodSeconds(),
          s.unit().key());
    }
    String unit = s.unit() == Unit.PERCENT ? "ratio, 0 to 1" : s.unit().key();
    return s.title()
        + ", "
        + (s.stat().isPresent() ? "recorded" : "derived")
        + " by stackwatch ("
        + unit
        + ")";
  }

  /**
   * Until when a series' newest point is shown: two refreshes of the series (a derived series is
   * refreshed with its slowest input), two polls at least, and a minute for the period its newest
   * point covers.
   */
  private static Instant shownUntil(SeriesReading reading, Duration pollInterval) {
    Duration refresh = reading.series().refresh();
    Duration maxAge =
        (refresh.compareTo(pollInterval) > 0 ? refresh : pollInterval).multipliedBy(2);
    return reading.latest().get().at().plus(maxAge.plusMinutes(1));
  }

  /** When the first series shown now will be too old to be shown. */
  private static Instant shownUntil(StackSnapshot snapshot, Instant now) {
    return snapshot.environments().stream()
        .flatMap(e -> e.series().stream())
        .filter(r -> r.latest().isPresent())
        .map(r -> shownUntil(r, snapshot.pollInterval()))
        .filter(t -> !t.isBefore(now))
        .min(Instant::compareTo)
        .orElse(Instant.MAX);
  }

  /** When the next silence starts or ends: {@code stackwatch_alarm_silenced} changes then. */
  private static Instant silenceBoundary(StackSnapshot snapshot, Instant now) {
    return snapshot.alarms().stream()
        .flatMap(a -> a.silences().stream())
        .flatMap(x -> Stream.of(x.startsAt(), x.endsAt()))
        .filter(t -> t.isAfter(now))
        .min(Instant::compareTo)
        .orElse(Instant.MAX);
  }

  private static List<MetricFamilySamples> environments(StackSnapshot snapshot) {
    List<String> env = List.of("environment");
    GaugeMetricFamily lastSuccess =
        new GaugeMetricFamily(
            "stackwatch_last_poll_success_timestamp_seconds",
            "When a poll of the environment last succeeded",
            env);
    GaugeMetricFamily series =
        new GaugeMetricFamily("stackwatch_series", "Series watched in the environment", env);
    for (EnvironmentState e : snapshot.environments()) {
      List<String> v = List.of(e.name());
      e.poll().lastSuccess().ifPresent(t -> lastSuccess.addMetric(v, t.toEpochMilli() / 1000.0));
      series.addMetric(v, e.series().size());
    }
    return List.of(lastSuccess, series);
  }

  private static MetricFamilySamples stale(StackSnapshot snapshot, Instant now) {
    GaugeMetricFamily stale =
        new GaugeMetricFamily(
            "stackwatch_data_stale",
            "1 when the environment's data is stale, else 0",
            List.of("environment"));
    snapshot.environments().forEach(e -> stale.addMetric(List.of(e.name()), e.stale(now) ? 1 : 0));
    return stale;
  }

  private List<MetricFamilySamples> awsCalls() {
    CounterMetricFamily requests =
        new CounterMetricFamily(
            "stackwatch_aws_requests",
            "AWS API calls made by stackwatch",
            List.of("service", "operation", "outcome"));
    meter
        .calls()
        .forEach(
            c ->
                requests.addMetric(
                    List.of(
                        c.key().operation().service(),
                        c.key().operation().operation(),
                        c.key().outcome()),
                    c.count()));
    CounterMetricFamily cost =
        new CounterMetricFamily(
            "stackwatch_aws_cost_usd",
            "List price of the AWS API calls made by stackwatch, in US dollars",
            List.of("service", "operation"));
    meter.costs().forEach((op, usd) -> cost.addMetric(List.of(op.service(), op.operation()), usd));
    return List.of(requests, cost);
  }

  private record Row(Map<String, String> labels, double value, String help) {}
}
