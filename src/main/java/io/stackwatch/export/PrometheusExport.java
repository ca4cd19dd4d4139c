package io.stackwatch.export;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.quarkus.runtime.StartupEvent;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.MetricStat;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cloudwatch.Series;
import io.stackwatch.cloudwatch.SeriesPlan;
import io.stackwatch.cloudwatch.SeriesPlans;
import io.stackwatch.cloudwatch.Unit;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.Costs;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.Points.Sample;
import io.stackwatch.store.SampleStore;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adds the collected series and stackwatch's own state to {@code /q/metrics}. Each scrape reads the
 * stores as the last poll left them and never calls AWS.
 */
@Singleton
public class PrometheusExport extends Collector {

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SampleStore store;
  private final Freshness freshness;
  private final ApiCallMeter meter;
  private final AlarmEngine alarms;
  private final PollConfig poll;
  private final Costs costs;
  private final Maintenance maintenance;
  private final Clock clock;

  public PrometheusExport(
      Catalog catalog,
      SeriesPlans plans,
      SampleStore store,
      Freshness freshness,
      ApiCallMeter meter,
      AlarmEngine alarms,
      PollConfig poll,
      Costs costs,
      Maintenance maintenance,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.store = store;
    this.freshness = freshness;
    this.meter = meter;
    this.alarms = alarms;
    this.poll = poll;
    this.costs = costs;
    this.maintenance = maintenance;
    this.clock = clock;
  }

  void register(@Observes StartupEvent start, PrometheusMeterRegistry registry) {
    registry.getPrometheusRegistry().register(this);
  }

  @Override
  public List<MetricFamilySamples> collect() {
    List<MetricFamilySamples> out = new ArrayList<>();
    out.addAll(series());
    out.addAll(environments());
    out.addAll(awsCalls());
    out.addAll(alarmStates());
    out.addAll(cost());
    out.addAll(maintenance());
    return out;
  }

  /** Each chore: overdue or not, and when it was last signed off (global chores: "global"). */
  private List<MetricFamilySamples> maintenance() {
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
    maintenance
        .statuses(maintenance.scopes())
        .forEach(
            (env, items) -> {
              for (ItemStatus s : items) {
                List<String> v = List.of(env, s.item().id(), s.item().cadence().yamlName());
                overdue.addMetric(v, s.state().isOverdue() ? 1 : 0);
                s.lastDone().ifPresent(t -> lastDone.addMetric(v, t.toEpochMilli() / 1000.0));
              }
            });
    return List.of(overdue, lastDone);
  }

  /** Cost Explorer's figures as last stored; untagged spend under environment="". */
  private List<MetricFamilySamples> cost() {
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
    java.time.LocalDate yesterday =
        java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(1);
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
    GaugeMetricFamily age =
        new GaugeMetricFamily(
            "stackwatch_cost_data_age_seconds",
            "Seconds since Cost Explorer was last asked",
            costs.asOf().map(t -> (double) Duration.between(t, clock.instant()).toSeconds()).get());
    out.add(age);
    return out;
  }

  /** Each alarm's state (0 OK, 1 ALARM, 2 INSUFFICIENT_DATA) and its transitions. */
  private List<MetricFamilySamples> alarmStates() {
    List<String> labels = List.of("environment", "alarm", "severity");
    GaugeMetricFamily state =
        new GaugeMetricFamily(
            "stackwatch_alarm_state",
            "Alarm state as evaluated by stackwatch: 0 OK, 1 ALARM, 2 INSUFFICIENT_DATA",
            labels);
    CounterMetricFamily transitions =
        new CounterMetricFamily(
            "stackwatch_alarm_transitions", "Alarm state changes recorded by this process", labels);
    for (AlarmStatus s : alarms.statuses()) {
      List<String> v =
          List.of(
              s.instance().environment(),
              s.instance().id(),
              s.instance().rule().severity().yamlName());
      state.addMetric(
          v,
          switch (s.state()) {
            case OK -> 0;
            case ALARM -> 1;
            case INSUFFICIENT_DATA -> 2;
          });
      transitions.addMetric(v, alarms.transitionsCounted(s.instance().key()));
    }
    return List.of(state, transitions);
  }

  /**
   * One gauge family per metric and statistic, labels made consistent within a family. A series
   * whose newest datapoint is older than two refreshes is left out, as the exporter leaves out what
   * CloudWatch did not publish in its window: ALB and API Gateway publish error counts only while
   * there are errors, and a value frozen at the last burst would keep an alert firing.
   */
  private List<MetricFamilySamples> series() {
    Map<String, List<Row>> families = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (SeriesPlan plan : plans.all()) {
      String region = catalog.find(plan.environment()).map(Environment::region).orElse("");
      for (Series s : plan.all()) {
        Optional<Sample> latest = store.latest(s.key());
        if (latest.isEmpty() || latest.get().at().isBefore(now.minus(maxAge(s)))) {
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
        families.computeIfAbsent(name, k -> new ArrayList<>()).add(new Row(labels, value));
      }
    }
    List<MetricFamilySamples> out = new ArrayList<>(families.size());
    families.forEach(
        (name, rows) -> {
          Set<String> labelNames = new LinkedHashSet<>();
          rows.forEach(r -> labelNames.addAll(r.labels().keySet()));
          List<String> names = List.copyOf(labelNames);
          GaugeMetricFamily family =
              new GaugeMetricFamily(name, "CloudWatch " + name + " as last polled", names);
          for (Row r : rows) {
            family.addMetric(
                names.stream().map(n -> r.labels().getOrDefault(n, "")).toList(), r.value());
          }
          out.add(family);
        });
    return out;
  }

  /** Two refreshes of the series, or of a poll for a derived one; the period it covers added. */
  private Duration maxAge(Series s) {
    Duration refresh = s.refresh().compareTo(poll.interval()) > 0 ? s.refresh() : poll.interval();
    return refresh.multipliedBy(2).plusMinutes(1);
  }

  private List<MetricFamilySamples> environments() {
    List<String> env = List.of("environment");
    GaugeMetricFamily lastSuccess =
        new GaugeMetricFamily(
            "stackwatch_last_poll_success_timestamp_seconds",
            "When a poll of the environment last succeeded",
            env);
    GaugeMetricFamily series =
        new GaugeMetricFamily("stackwatch_series", "Series watched in the environment", env);
    GaugeMetricFamily stale =
        new GaugeMetricFamily(
            "stackwatch_data_stale", "1 when the environment's data is stale, else 0", env);
    for (Environment e : catalog.environments()) {
      List<String> v = List.of(e.name());
      freshness
          .of(e.name())
          .lastSuccess()
          .ifPresent(t -> lastSuccess.addMetric(v, t.toEpochMilli() / 1000.0));
      series.addMetric(v, plans.of(e.name()).map(p -> p.all().size()).orElse(0));
      stale.addMetric(v, freshness.isStale(e.name(), clock.instant()) ? 1 : 0);
    }
    return List.of(lastSuccess, series, stale);
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

  private record Row(Map<String, String> labels, double value) {}
}
