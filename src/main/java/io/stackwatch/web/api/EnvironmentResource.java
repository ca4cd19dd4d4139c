package io.stackwatch.web.api;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.Transition;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.series.Points.Sample;
import io.stackwatch.series.Series;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.CostReport;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.SeriesReading;
import io.stackwatch.snapshot.Snapshots;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The JSON API: environments, their series and alarms, their costs, and stackwatch's own calls.
 * Reads the snapshot, as the pages do.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  private final Snapshots snapshots;
  private final AlarmEngine alarms;
  private final ApiCallMeter meter;
  private final Clock clock;
  private final boolean simulated;

  EnvironmentResource(
      Snapshots snapshots, AlarmEngine alarms, ApiCallMeter meter, Clock clock, AwsConfig aws) {
    this.snapshots = snapshots;
    this.alarms = alarms;
    this.meter = meter;
    this.clock = clock;
    this.simulated = aws.simulated();
  }

  @GET
  @Path("/environments")
  public List<EnvironmentJson> environments() {
    Instant now = clock.instant();
    return snapshots.current().environments().stream().map(e -> environment(e, now)).toList();
  }

  @GET
  @Path("/environments/{name}")
  public EnvironmentDetailJson environment(@PathParam("name") String name) {
    EnvironmentState env =
        snapshots
            .current()
            .environment(name)
            .orElseThrow(() -> new NotFoundException("No environment named " + name + "."));
    return new EnvironmentDetailJson(
        environment(env, clock.instant()),
        env.alarms().stream().map(a -> AlarmJson.of(a, clock.instant())).toList(),
        env.series().stream().map(SeriesJson::of).toList());
  }

  @GET
  @Path("/environments/{name}/resources")
  public ResourcesJson resources(@PathParam("name") String name) {
    Inventory inventory =
        snapshots
            .current()
            .environment(name)
            .orElseThrow(() -> new NotFoundException("No environment named " + name + "."))
            .inventory();
    return new ResourcesJson(
        name,
        inventory.foundAt().orElse(null),
        inventory.problem().orElse(null),
        inventory.resources().stream()
            .map(
                r ->
                    new ResourcesJson.Row(
                        r.kind().yamlName(), r.name(), r.dimensions(), r.origin().yamlName()))
            .toList());
  }

  @GET
  @Path("/alarms")
  public List<AlarmJson> alarms() {
    Instant now = clock.instant();
    return snapshots.current().alarms().stream().map(a -> AlarmJson.of(a, now)).toList();
  }

  @GET
  @Path("/alarms/{environment}/{id}")
  public AlarmJson alarm(@PathParam("environment") String environment, @PathParam("id") String id) {
    return AlarmJson.of(reading(environment, id), clock.instant());
  }

  @GET
  @Path("/alarms/{environment}/{id}/history")
  public List<Transition> history(
      @PathParam("environment") String environment, @PathParam("id") String id) {
    return alarms.history(reading(environment, id).key(), HISTORY);
  }

  /** Transitions an alarm's history lists at most, newest first. */
  static final int HISTORY = 200;

  private AlarmReading reading(String environment, String id) {
    return snapshots
        .current()
        .alarm(environment, id)
        .orElseThrow(
            () -> new NotFoundException("No alarm " + id + " in environment " + environment + "."));
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
    CostReport costs = snapshots.current().cost();
    WatchingCost planned = costs.watching();
    return new CostJson(
        costs.asOf().orElse(null),
        costs.error().orElse(null),
        costs.summaries(),
        new CostJson.Watching(
            meter.totalCostUsd(),
            planned.cloudWatchUsd(),
            planned.costExplorerUsd(),
            planned.discoveryUsd(),
            planned.totalUsd(),
            costs.requestsToday(),
            planned.plan().stream()
                .map(
                    l ->
                        new CostJson.PlanLine(
                            l.api().title(),
                            l.every().toSeconds(),
                            l.what(),
                            l.billedPerMonth(),
                            l.usdPerMonth()))
                .toList()));
  }

  private EnvironmentJson environment(EnvironmentState env, Instant now) {
    return new EnvironmentJson(
        env.name(),
        simulated,
        env.environment().region(),
        env.stale(now),
        env.poll().lastSuccess().orElse(null),
        env.poll().lastError().orElse(null),
        env.health(),
        env.firing(),
        env.skippedQueries());
  }

  /**
   * An environment's freshness and health; {@code simulated} while its numbers come from the
   * built-in simulator ({@code stackwatch.source=simulator}), not from an AWS account.
   */
  public record EnvironmentJson(
      String name,
      boolean simulated,
      String region,
      boolean stale,
      Instant lastSuccess,
      String lastError,
      AlarmState health,
      long firing,
      List<String> skippedQueries) {}

  /**
   * An environment's resources: when they were last found by tag (null before), what discovery
   * could not do (null when nothing), and each resource with how it was found ({@code
   * configuration}, {@code tag} or {@code convention}).
   */
  public record ResourcesJson(
      String environment, Instant foundAt, String problem, List<Row> resources) {
    /** One resource. */
    public record Row(
        String kind, String name, java.util.Map<String, String> dimensions, String foundBy) {}
  }

  /** An environment with its alarms and series. */
  public record EnvironmentDetailJson(
      EnvironmentJson environment, List<AlarmJson> alarms, List<SeriesJson> series) {}

  /** A series' latest value; value and time are null before its first datapoint. */
  public record SeriesJson(String id, String title, String unit, Double value, Instant at) {
    static SeriesJson of(SeriesReading r) {
      Series s = r.series();
      return new SeriesJson(
          s.id(),
          s.title(),
          s.unit().name().toLowerCase(Locale.ROOT),
          r.latest().map(Sample::value).orElse(null),
          r.latest().map(Sample::at).orElse(null));
    }
  }

  /**
   * An alarm's current state, its acknowledgement while it holds, and the ids of the silences that
   * hold it now ({@code silencedBy}, empty when none: it sends).
   */
  public record AlarmJson(
      String environment,
      String id,
      String title,
      String severity,
      String category,
      AlarmState state,
      Instant since,
      Double value,
      String reason,
      String runbook,
      Acknowledgement acknowledgement,
      List<String> silencedBy) {
    static AlarmJson of(AlarmReading a, Instant now) {
      AlarmStatus s = a.status();
      return new AlarmJson(
          s.instance().environment(),
          s.instance().id(),
          s.instance().rule().title(),
          s.instance().rule().severity().yamlName(),
          s.instance().category().key(),
          s.state(),
          s.since(),
          s.value().orElse(null),
          s.reason(),
          s.instance().rule().runbook(),
          a.acknowledgement().orElse(null),
          a.silencedBy(now).stream().map(Silence::id).toList());
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
        double discoveryPerMonthUsd,
        double totalPerMonthUsd,
        int costExplorerRequestsToday,
        List<PlanLine> plan) {}

    /** One line of the plan: a call, its cadence in seconds, what it asks, per month. */
    public record PlanLine(
        String call, long everySeconds, String what, double billedPerMonth, double usdPerMonth) {}
  }

  /** stackwatch's own AWS calls and their list price so far. */
  public record AwsCallsJson(List<Row> calls, double costUsd) {
    /** Calls of one kind. */
    public record Row(String service, String operation, String outcome, long count) {}
  }
}
