package io.stackwatch.web;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cloudwatch.Series;
import io.stackwatch.cloudwatch.SeriesPlans;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.Costs;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.Points.Sample;
import io.stackwatch.store.SampleStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON API: environments, their series and alarms, their costs, and stackwatch's own. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  private final Catalog catalog;
  private final SeriesPlans plans;
  private final SampleStore samples;
  private final Freshness freshness;
  private final AlarmEngine alarms;
  private final ApiCallMeter meter;
  private final Costs costs;
  private final CostConfig costConfig;
  private final Acknowledgements acknowledgements;
  private final Clock clock;

  EnvironmentResource(
      Catalog catalog,
      SeriesPlans plans,
      SampleStore samples,
      Freshness freshness,
      AlarmEngine alarms,
      ApiCallMeter meter,
      Costs costs,
      CostConfig costConfig,
      Acknowledgements acknowledgements,
      Clock clock) {
    this.catalog = catalog;
    this.plans = plans;
    this.samples = samples;
    this.freshness = freshness;
    this.alarms = alarms;
    this.meter = meter;
    this.costs = costs;
    this.costConfig = costConfig;
    this.acknowledgements = acknowledgements;
    this.clock = clock;
  }

  @GET
  @Path("/environments")
  public List<EnvironmentJson> environments() {
    return catalog.environments().stream().map(this::environment).toList();
  }

  @GET
  @Path("/environments/{name}")
  public EnvironmentDetailJson environment(@PathParam("name") String name) {
    Environment env =
        catalog
            .find(name)
            .orElseThrow(() -> new NotFoundException("No environment named " + name + "."));
    List<SeriesJson> series =
        plans.of(name).orElseThrow().all().stream().map(this::series).toList();
    Map<String, Acknowledgement> acks = acknowledgements.latest();
    List<AlarmJson> envAlarms =
        alarms.statuses(name).stream().map(a -> AlarmJson.of(a, acks)).toList();
    return new EnvironmentDetailJson(environment(env), envAlarms, series);
  }

  @GET
  @Path("/alarms")
  public List<AlarmJson> alarms() {
    Map<String, Acknowledgement> acks = acknowledgements.latest();
    return alarms.statuses().stream().map(a -> AlarmJson.of(a, acks)).toList();
  }

  @GET
  @Path("/alarms/{environment}/{id}")
  public AlarmJson alarm(@PathParam("environment") String environment, @PathParam("id") String id) {
    return alarms
        .status(environment + "/" + id)
        .map(a -> AlarmJson.of(a, acknowledgements.latest()))
        .orElseThrow(
            () -> new NotFoundException("No alarm " + id + " in environment " + environment + "."));
  }

  @GET
  @Path("/alarms/{environment}/{id}/history")
  public List<io.stackwatch.alarm.Transition> history(
      @PathParam("environment") String environment, @PathParam("id") String id) {
    String key = environment + "/" + id;
    alarms
        .status(key)
        .orElseThrow(
            () -> new NotFoundException("No alarm " + id + " in environment " + environment + "."));
    return alarms.history(key, 200);
  }

  @GET
  @Path("/aws-calls")
  public AwsCallsJson awsCalls() {
    return new AwsCallsJson(
        meter.calls().stream()
            .map(
                c ->
                    new AwsCallsJson.Row(
                        c.key().operation().service(),
                        c.key().operation().operation(),
                        c.key().outcome(),
                        c.count()))
            .toList(),
        meter.totalCostUsd());
  }

  @GET
  @Path("/cost")
  public CostJson cost() {
    WatchingCost planned =
        WatchingCost.planned(plans.all(), costConfig, catalog.environments().size());
    return new CostJson(
        costs.asOf().orElse(null),
        costs.error().orElse(null),
        costs.summaries(),
        new CostJson.Watching(
            meter.totalCostUsd(),
            planned.cloudWatchUsd(),
            planned.costExplorerUsd(),
            planned.totalUsd(),
            costs.requestsToday()));
  }

  private EnvironmentJson environment(Environment env) {
    Instant now = clock.instant();
    Freshness.Status status = freshness.of(env.name());
    List<AlarmStatus> envAlarms = alarms.statuses(env.name());
    return new EnvironmentJson(
        env.name(),
        env.region(),
        freshness.isStale(env.name(), now),
        status.lastSuccess().orElse(null),
        status.lastError().orElse(null),
        envAlarms.isEmpty() ? AlarmState.OK : envAlarms.get(0).state(),
        envAlarms.stream().filter(a -> a.state() == AlarmState.ALARM).count(),
        freshness.skipped(env.name()));
  }

  private SeriesJson series(Series s) {
    Optional<Sample> last = samples.latest(s.key());
    return new SeriesJson(
        s.id(),
        s.title(),
        s.unit().name().toLowerCase(java.util.Locale.ROOT),
        last.map(Sample::value).orElse(null),
        last.map(Sample::at).orElse(null));
  }

  /** An environment's freshness and health. */
  public record EnvironmentJson(
      String name,
      String region,
      boolean stale,
      Instant lastSuccess,
      String lastError,
      AlarmState health,
      long firing,
      List<String> skippedQueries) {}

  /** An environment with its alarms and series. */
  public record EnvironmentDetailJson(
      EnvironmentJson environment, List<AlarmJson> alarms, List<SeriesJson> series) {}

  /** A series' latest value; value and time are null before its first datapoint. */
  public record SeriesJson(String id, String title, String unit, Double value, Instant at) {}

  /** An alarm's current state, and its acknowledgement while it holds. */
  public record AlarmJson(
      String environment,
      String id,
      String title,
      String severity,
      AlarmState state,
      Instant since,
      Double value,
      String reason,
      String runbook,
      Acknowledgement acknowledgement) {
    static AlarmJson of(AlarmStatus s, Map<String, Acknowledgement> acks) {
      return new AlarmJson(
          s.instance().environment(),
          s.instance().id(),
          s.instance().rule().title(),
          s.instance().rule().severity().yamlName(),
          s.state(),
          s.since(),
          s.value().orElse(null),
          s.reason(),
          s.instance().rule().runbook(),
          Acknowledgements.holding(s, acks).orElse(null));
    }
  }

  /**
   * Costs per environment (untagged spend under the empty name), when Cost Explorer was asked, why
   * the last refresh failed, and what watching costs.
   */
  public record CostJson(
      Instant asOf, String error, List<CostSummary> environments, Watching watching) {
    /** stackwatch's own AWS spend: so far, and per month at the configured cadences. */
    public record Watching(
        double spentSinceStartUsd,
        double cloudWatchPerMonthUsd,
        double costExplorerPerMonthUsd,
        double totalPerMonthUsd,
        int costExplorerRequestsToday) {}
  }

  /** stackwatch's own AWS calls and their list price so far. */
  public record AwsCallsJson(List<Row> calls, double costUsd) {
    /** Calls of one kind. */
    public record Row(String service, String operation, String outcome, long count) {}
  }
}
