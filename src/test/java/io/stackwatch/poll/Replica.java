package io.stackwatch.poll;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmConfig;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmHistory;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.alarm.Silences;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchMetricSource;
import io.stackwatch.cloudwatch.HistoryFill;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.CostSeries;
import io.stackwatch.cost.CostStore;
import io.stackwatch.cost.Costs;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.datafile.DataFileConfig;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.discovery.DiscoveryConfig;
import io.stackwatch.discovery.ResourceDiscovery;
import io.stackwatch.discovery.TaggingResourceSource;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceSeries;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.notify.AlertGroupStore;
import io.stackwatch.notify.AlertNotifications;
import io.stackwatch.notify.NotifyTopics;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Backoff;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxSender;
import io.stackwatch.notify.outbox.SnsNotifier;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.History;
import io.stackwatch.store.HistoryConfig;
import io.stackwatch.store.HistoryStore;
import io.stackwatch.store.Leadership;
import io.stackwatch.store.SampleJournal;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One stackwatch process, as the application wires it, built from the real classes (collector,
 * journal, leadership, alarm engine, alert notifications, outbox) with its own connection pool, as
 * two processes would have: how {@link ReplicasTest} and the soak benchmark run several replicas on
 * one PostgreSQL in one JVM, and stop one at an exact point.
 */
public class Replica implements AutoCloseable {

  /** The prod alerts topic the replicas send to. */
  public static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");

  private final String url;
  private final SmallRyeConfig config;
  private final AwsSimulator sim;
  private final TestClock clock;

  public Replica(String url, SmallRyeConfig config, AwsSimulator sim, TestClock clock) {
    this.url = url;
    this.config = config;
    this.sim = sim;
    this.clock = clock;
    // While the store is away a caller waits this long for a connection, not the default 5 s: as
    // long as StoreOutageTest's application, ample for a connection to a local PostgreSQL.
    this.database = new Database(url, null, null, 4, Duration.ofMillis(200));
    catalog = Catalog.from(config.getConfigMapping(CatalogConfig.class));
    poll = config.getConfigMapping(PollConfig.class);
    cadence = new SeriesCadence(poll.interval(), poll.slowInterval());
    plans = SeriesPlans.offered(catalog, SeedStack.SERIES, cadence);
    samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
    freshness = new Freshness(Duration.ofMinutes(12));
    journal = new SampleJournal(database, samples, freshness);
    leadership = new Leadership(database);
    clients =
        new AwsClients(config.getConfigMapping(AwsConfig.class), new ApiCallMeter(), sim::endpoint);
    alarms =
        new AlarmEngine(
            config.getConfigMapping(AlarmConfig.class),
            dataFiles(config),
            catalog,
            plans,
            samples,
            freshness,
            new AlarmHistory(database),
            clock);
    costLog = new CostStore(database);
    costConfig = config.getConfigMapping(CostConfig.class);
    costs = new Costs(catalog, costLog, costConfig, clock);
    notifications =
        new AlertNotifications(
            GroupTimings.DEFAULTS,
            new AlertGroupStore(database),
            new NotifyTopics(
                List.of(new Topic("prod", Topic.Purpose.ALERTS, PROD_ALERTS, TopicFormat.TEXT))),
            new AlertSummaryFormatter("http://localhost:8080"),
            alarms::status,
            clock);
    sender =
        new OutboxSender(
            new Outbox(database),
            SnsNotifier.over(clients, catalog),
            new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)),
            clock,
            new Random(7));
    maintenance =
        new Maintenance(dataFiles(config), catalog, new MaintenanceStore(database), clock);
    snapshots =
        new Snapshots(
            catalog,
            plans,
            cadence,
            samples,
            freshness,
            alarms,
            new Acknowledgements(database, Duration.ofHours(24)),
            new Silences(database),
            costs,
            costConfig,
            config.getConfigMapping(DiscoveryConfig.class),
            maintenance,
            new Dashboards(dataFiles(config), catalog, SeedStack.SERIES, cadence),
            clock);
    replicas =
        new Replicas(
            leadership,
            database,
            journal,
            alarms,
            costs,
            notifications,
            snapshots,
            config.getConfigMapping(StoreConfig.class),
            clock);
    history =
        new History(
            new HistoryStore(database),
            samples,
            key -> Rollup.AVERAGE,
            config.getConfigMapping(HistoryConfig.class),
            Duration.ofHours(24),
            clock);
    CloudWatchCollector collector =
        new CloudWatchCollector(
            catalog,
            plans,
            new CloudWatchMetricSource(clients),
            samples,
            freshness,
            poll,
            config.getConfigMapping(AwsConfig.class),
            clock,
            new SimpleMeterRegistry());
    job =
        new PollJob(
            collector,
            new CostSeries(catalog, costs, samples, clock),
            new MaintenanceSeries(maintenance, samples, clock),
            alarms,
            notifications,
            snapshots,
            replicas,
            new Rediscovery(
                new ResourceDiscovery(
                    catalog,
                    new TaggingResourceSource(clients),
                    config.getConfigMapping(DiscoveryConfig.class),
                    clock),
                plans,
                alarms,
                catalog),
            history,
            new HistoryFill(
                catalog,
                plans,
                new CloudWatchMetricSource(clients),
                history,
                samples,
                collector,
                config.getConfigMapping(HistoryConfig.class),
                poll,
                clock),
            new StartupTimeline(),
            poll,
            clock);
  }

  /** The configuration of the seed stack on the store at {@code url}. */
  public static SmallRyeConfig config(String url) {
    Map<String, String> props = new HashMap<>();
    props.put("stackwatch.environments.prod.allocated-storage-gb", "100");
    props.put("stackwatch.environments.prod.resources.cache-nodes", "3");
    props.put("stackwatch.environments.staging.allocated-storage-gb", "50");
    props.put("stackwatch.environments.dev.resources.cloudfront", "false");
    props.put("stackwatch.store.jdbc-url", url);
    // The replicas share points and states; fetching history is HistoryFillTest's.
    props.put("stackwatch.history.fill", "false");
    return new SmallRyeConfigBuilder()
        .withMapping(CatalogConfig.class)
        .withMapping(PollConfig.class)
        .withMapping(AwsConfig.class)
        .withMapping(AlarmConfig.class)
        .withMapping(CostConfig.class)
        .withMapping(StoreConfig.class)
        .withMapping(HistoryConfig.class)
        .withMapping(DataFileConfig.class)
        .withMapping(DiscoveryConfig.class)
        .withConverter(Path.class, 100, Path::of)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withSources(new PropertiesConfigSource(props, "test", 100))
        .build();
  }

  /** The data files in force: shipped, and stackwatch.config-directory if set. */
  static DataFiles dataFiles(SmallRyeConfig config) {
    return DataFiles.shippedAnd(config.getConfigMapping(DataFileConfig.class).configDirectory());
  }

  public final Database database;
  public final Catalog catalog;
  public final PollConfig poll;
  public final SeriesCadence cadence;
  public final SeriesPlans plans;
  public final SampleStore samples;
  public final Freshness freshness;
  public final SampleJournal journal;
  public final Leadership leadership;
  public final AwsClients clients;
  public final AlarmEngine alarms;
  public final CostStore costLog;
  public final CostConfig costConfig;
  public final Costs costs;
  public final AlertNotifications notifications;
  public final OutboxSender sender;
  public final Maintenance maintenance;
  public final Snapshots snapshots;
  public final History history;
  public Replicas replicas;
  public final PollJob job;

  /** The notifier's tick as the application schedules it: on the leader only. */
  public void notifyTick() {
    if (leadership.isLeader()) {
      // Each step in its own try, as NotifyJob does.
      try {
        java.time.Instant now = clock.instant();
        notifications.flush(
            java.util.Map.of(),
            snapshots.current().alarms().stream()
                .filter(a -> a.silenced(now))
                .map(a -> a.key())
                .collect(java.util.stream.Collectors.toSet()));
      } catch (RuntimeException e) {
        // stays due
      }
      try {
        sender.drain();
      } catch (RuntimeException e) {
        // stays pending
      }
    }
  }

  @Override
  public void close() {
    leadership.close();
    clients.close();
    database.close();
  }
}
