package io.stackwatch.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
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
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchMetricSource;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.CostStore;
import io.stackwatch.cost.Costs;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.datafile.DataFileConfig;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.discovery.DiscoveryConfig;
import io.stackwatch.export.PrometheusExport;
import io.stackwatch.export.ScrapeBody;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.History;
import io.stackwatch.store.HistoryConfig;
import io.stackwatch.store.HistoryStore;
import io.stackwatch.store.SampleStore;
import io.stackwatch.web.page.PageModels;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What collection costs at 3, 30 and 100 environments and 10,000 series (and, asked for alone,
 * 100,000 series): the real SDK client against the simulator over HTTP, the real collector, store
 * and Prometheus export, and the models of the overview and an environment page. Prints a table,
 * then where one poller stops keeping up, and writes the table to {@code
 * target/bench/collection.json}. Run with {@code ./mvnw test -Pbench}; it measures, it does not
 * assert.
 */
class CollectionBenchmark {

  record Row(
      int environments,
      long series,
      long firstPollRequests,
      long steadyPollRequests,
      long expectedSteadyRequests,
      double firstPollSeconds,
      double steadyPollSeconds,
      double heapMb,
      double heapFullDayMb,
      double memoryBytesPerPoint,
      double metricsKb,
      double gzipKb,
      double renderMillis,
      double scrapeMillis,
      int alarms,
      double evaluationMillis,
      double snapshotMillis,
      double overviewMillis,
      double environmentMillis,
      double cloudWatchUsdPerMonth,
      double costExplorerUsdPerMonth,
      double getMetricStatisticsUsdPerMonth,
      long metricsPerPoll,
      int steadyPolls,
      double steadyPollingSeconds,
      List<String> notes) {

    /** Series fetched a second by the steady polls: metrics requested over the time polling. */
    double seriesPerSecond() {
      return metricsPerPoll * steadyPolls / steadyPollingSeconds;
    }
  }

  /** A column of the printed table and a field of the JSON file. */
  record Column(String header, String key, int width, String format, Function<Row, Object> value) {}

  /** CloudWatch's GetMetricData quotas and limits, per account and region. */
  static final long TPS = 50;

  static final long METRICS_PER_REQUEST = 500;
  static final long DATAPOINTS_PER_ANSWER = 100_800;
  static final long DATAPOINTS_PER_SECOND = 180_000;

  static final List<Column> COLUMNS =
      List.of(
          new Column("series", "series", 8, "d", Row::series),
          new Column("envs", "environments", 6, "d", Row::environments),
          new Column("req/1st", "first_poll_requests", 9, "d", Row::firstPollRequests),
          new Column("req/poll", "poll_requests", 9, "d", Row::steadyPollRequests),
          new Column("ceil/500", "ceil_due_series_over_500", 9, "d", Row::expectedSteadyRequests),
          new Column("metrics/poll", "metrics_per_poll", 13, "d", Row::metricsPerPoll),
          new Column("1st s", "first_poll_seconds", 8, ".3f", Row::firstPollSeconds),
          new Column("poll s", "poll_seconds", 8, ".3f", Row::steadyPollSeconds),
          new Column("heap MB", "heap_mb", 9, ".1f", Row::heapMb),
          new Column("heap 24h", "heap_24h_mb", 10, ".1f", Row::heapFullDayMb),
          new Column("B/pt 24h", "memory_bytes_per_point_24h", 9, ".2f", Row::memoryBytesPerPoint),
          new Column("metrics KB", "metrics_kb", 11, ".1f", Row::metricsKb),
          new Column("gzip KB", "metrics_gzip_kb", 9, ".1f", Row::gzipKb),
          new Column("render ms", "render_ms", 10, ".2f", Row::renderMillis),
          new Column("scrape ms", "scrape_ms", 10, ".2f", Row::scrapeMillis),
          new Column("alarms", "alarms", 8, "d", Row::alarms),
          new Column("eval ms", "evaluation_ms", 9, ".2f", Row::evaluationMillis),
          new Column("snap ms", "snapshot_ms", 9, ".1f", Row::snapshotMillis),
          new Column("ovw ms", "overview_model_ms", 9, ".2f", Row::overviewMillis),
          new Column("env ms", "environment_model_ms", 9, ".2f", Row::environmentMillis),
          new Column("series/s", "steady_series_per_second", 10, ".0f", Row::seriesPerSecond),
          new Column("CW $/mo", "cloudwatch_usd_per_month", 9, ".2f", Row::cloudWatchUsdPerMonth),
          new Column(
              "CE $/mo", "cost_explorer_usd_per_month", 9, ".2f", Row::costExplorerUsdPerMonth),
          new Column(
              "GMS $/mo",
              "get_metric_statistics_usd_per_month",
              10,
              ".2f",
              Row::getMetricStatisticsUsdPerMonth));

  @Test
  void run() throws Exception {
    List<Row> rows = new ArrayList<>();
    // -Dbench.small=true: the smallest scale only, seconds, so CI keeps the benchmark alive;
    // -Dbench.estate=true (or 10000): the 10,000-series estate only; -Dbench.estate=100000: the
    // 100,000-series estate of 1,000 environments only (minutes; not in the default run).
    String estate = System.getProperty("bench.estate", "false");
    List<int[]> scales =
        Boolean.getBoolean("bench.small")
            ? List.of(new int[] {3, 0})
            : switch (estate) {
              case "true", "10000" -> List.of(new int[] {133, 10_000});
              case "100000" -> List.of(new int[] {1_000, 100_000});
              case "false" ->
                  List.of(
                      new int[] {3, 0},
                      new int[] {30, 0},
                      new int[] {100, 0},
                      new int[] {133, 10_000});
              default ->
                  throw new IllegalArgumentException(
                      "bench.estate is true, 10000 or 100000, not " + estate);
            };
    for (int[] scale : scales) {
      rows.add(measure(scale[0], scale[1]));
    }
    StringBuilder table = new StringBuilder();
    for (Column c : COLUMNS) {
      table.append(String.format(Locale.ROOT, "%" + c.width() + "s", c.header()));
    }
    table.append('\n');
    for (Row r : rows) {
      for (Column c : COLUMNS) {
        table.append(String.format(Locale.ROOT, "%" + c.width() + c.format(), c.value().apply(r)));
      }
      table.append('\n');
    }
    System.out.println(
        "\nstackwatch collection benchmark ("
            + Runtime.getRuntime().availableProcessors()
            + " cores)\n"
            + table
            + "snap ms: publishing a snapshot; ovw ms, env ms: the models of the overview and of the"
            + " first environment's page (its charts over the default range), not their Qute"
            + " rendering, which needs the application\n"
            + rows.stream()
                .flatMap(r -> r.notes().stream().map(n -> r.series() + " series: " + n + "\n"))
                .collect(Collectors.joining())
            + "\n"
            + ceiling(rows.get(rows.size() - 1)));
    Path out = Path.of("target/bench/collection.json");
    Files.createDirectories(out.getParent());
    Files.writeString(
        out,
        rows.stream()
            .map(
                r ->
                    COLUMNS.stream()
                        .map(
                            c ->
                                "\""
                                    + c.key()
                                    + "\":"
                                    + String.format(
                                        Locale.ROOT, "%" + c.format(), c.value().apply(r)))
                        .collect(Collectors.joining(",", "{", "}")))
            .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
    System.out.println("written to " + out.toAbsolutePath());
  }

  /**
   * One estate: {@code environments} prod-shaped environments (about 75 series each); with a {@code
   * targetSeries}, padded with Lambda functions (5 series each) spread over the environments to
   * reach it.
   */
  private Row measure(int environments, int targetSeries) throws Exception {
    TestClock clock = new TestClock();
    Map<String, String> props = new HashMap<>();
    int envs = environments;
    for (int i = 1; i <= envs; i++) {
      String e = String.format("stackwatch.environments.env%03d.", i);
      props.put(e + "resources.cache-nodes", "3");
      props.put(e + "resources.nat-gateways", "3");
    }
    SmallRyeConfig config = config(props);
    long base = seriesCount(config);
    int pad = (int) Math.max(0, (targetSeries - base + 4) / 5);
    if (pad > 0) {
      for (int i = 1; i <= envs; i++) {
        String env = String.format("env%03d", i);
        // The environment's own two functions, then its share of the padding.
        props.put(
            "stackwatch.environments." + env + ".resources.lambda-functions",
            IntStream.rangeClosed(1, 2 + pad / envs + (i <= pad % envs ? 1 : 0))
                .mapToObj(f -> env + "-fn-" + f)
                .collect(Collectors.joining(",")));
      }
      config = config(props);
    }

    try (AwsSimulator sim = AwsSimulator.start(0, clock, 42)) {
      Catalog catalog = Catalog.from(config.getConfigMapping(CatalogConfig.class));
      PollConfig poll = config.getConfigMapping(PollConfig.class);
      SeriesPlans plans =
          SeriesPlans.offered(
              catalog, SeedStack.SERIES, new SeriesCadence(poll.interval(), poll.slowInterval()));
      ApiCallMeter meter = new ApiCallMeter();
      AwsClients clients =
          new AwsClients(config.getConfigMapping(AwsConfig.class), meter, sim::endpoint);
      SampleStore store = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      Freshness freshness = new Freshness(Duration.ofMinutes(12));
      Database database =
          new Database(
              "jdbc:h2:mem:bench" + environments + "-" + targetSeries + ";DB_CLOSE_DELAY=-1",
              null,
              null,
              4);
      AlarmEngine alarms =
          new AlarmEngine(
              config.getConfigMapping(AlarmConfig.class),
              dataFiles(config),
              catalog,
              plans,
              store,
              freshness,
              new AlarmHistory(database),
              clock);
      CloudWatchCollector collector =
          new CloudWatchCollector(
              catalog,
              plans,
              new CloudWatchMetricSource(clients),
              store,
              freshness,
              poll,
              config.getConfigMapping(AwsConfig.class),
              clock,
              new SimpleMeterRegistry());
      long series =
          plans.all().stream()
              .flatMap(p -> p.fetched().stream())
              .map(Series::stat)
              .flatMap(Optional::stream)
              .distinct()
              .count();
      long fastSeries =
          plans.all().stream()
              .flatMap(p -> p.fetched().stream())
              .filter(s -> s.refresh().equals(poll.interval()))
              .map(Series::stat)
              .flatMap(Optional::stream)
              .distinct()
              .count();

      List<String> notes = new ArrayList<>();
      long t0 = System.nanoTime();
      collector.poll();
      double first = (System.nanoTime() - t0) / 1e9;
      long firstRequests = sim.calls().count("monitoring", "GetMetricData");
      unread(catalog, freshness, "the first poll", notes);

      List<Double> times = new ArrayList<>();
      List<Double> evaluations = new ArrayList<>();
      long steadyRequests = 0;
      // An hour of polls five minutes apart: steady-state time (the median), requests and metrics
      // billed. At 100,000 series a quarter of an hour, in which every cadence but the daily one
      // comes due, keeps the run to minutes; its metrics count four times to the hour.
      int polls = targetSeries >= 100_000 ? 3 : 12;
      ApiCallMeter.Operation getMetricData =
          new ApiCallMeter.Operation("CloudWatch", "GetMetricData");
      long metricsBefore = meter.metricsRequested(getMetricData);
      for (int i = 0; i < polls; i++) {
        clock.advance(Duration.ofMinutes(5));
        sim.calls().clear();
        long t = System.nanoTime();
        collector.poll();
        times.add((System.nanoTime() - t) / 1e9);
        if (i == 0) {
          steadyRequests = sim.calls().count("monitoring", "GetMetricData");
        }
        long e = System.nanoTime();
        alarms.evaluate();
        evaluations.add((System.nanoTime() - e) / 1e6);
        unread(catalog, freshness, "steady poll " + (i + 1), notes);
      }
      long metricsPerHour = (meter.metricsRequested(getMetricData) - metricsBefore) * 12 / polls;
      double pollingSeconds = times.stream().mapToDouble(Double::doubleValue).sum();
      times.sort(Double::compare);
      evaluations.sort(Double::compare);
      double heap = heapAfterGcMb();
      double hoursPerMonth = 24 * 30;
      double cloudWatchPerMonth = metricsPerHour * hoursPerMonth * 0.01 / 1000;
      // The reference: one GetMetricStatistics request per series per 5-minute scrape.
      double getMetricStatisticsPerMonth = series * 12 * hoursPerMonth * 0.01 / 1000;
      double costExplorerPerMonth =
          WatchingCost.planned(
                  plans.all(),
                  config.getConfigMapping(CostConfig.class),
                  catalog.environments().size(),
                  Optional.empty())
              .costExplorerUsd();

      // Fill every series to 24 hours of 1-minute points, as a day of polling would.
      long now = clock.instant().getEpochSecond() / 60 * 60;
      long[] day = new long[1440];
      double[] values = new double[1440];
      for (int i = 0; i < day.length; i++) {
        day[i] = now - 86_400 + 60L * i;
        values[i] = i % 97;
      }
      plans.all().forEach(p -> p.all().forEach(s -> store.put(s.key(), day, values)));
      double heapDay = heapAfterGcMb();
      SampleStore.Footprint footprint = store.footprint();

      Costs costs =
          new Costs(
              catalog, new CostStore(database), config.getConfigMapping(CostConfig.class), clock);
      Dashboards dashboards =
          new Dashboards(
              dataFiles(config),
              catalog,
              SeedStack.SERIES,
              new SeriesCadence(poll.interval(), poll.slowInterval()));
      Snapshots snapshots =
          new Snapshots(
              catalog,
              plans,
              new SeriesCadence(poll.interval(), poll.slowInterval()),
              store,
              freshness,
              alarms,
              new Acknowledgements(database, java.time.Duration.ofHours(24)),
              new io.stackwatch.alarm.Silences(database),
              costs,
              config.getConfigMapping(CostConfig.class),
              config.getConfigMapping(DiscoveryConfig.class),
              new Maintenance(dataFiles(config), catalog, new MaintenanceStore(database), clock),
              dashboards,
              clock);
      PrometheusExport export = new PrometheusExport(snapshots, meter, clock, "simulator");
      CollectorRegistry registry = new CollectorRegistry();
      registry.register(export);
      // Once per snapshot: the snapshot's families rendered and compressed.
      long r = System.nanoTime();
      ScrapeBody stored = export.stored(TextFormat.CONTENT_TYPE_004);
      double renderMillis = (System.nanoTime() - r) / 1e6;
      // Each scrape: the stored bytes and the few families that move, gzip as Prometheus asks.
      List<Double> scrapes = new ArrayList<>();
      int body = 0;
      for (int i = 0; i < 30; i++) {
        long t = System.nanoTime();
        StringWriter w = new StringWriter();
        TextFormat.write004(w, registry.metricFamilySamples());
        body =
            export
                .stored(TextFormat.CONTENT_TYPE_004)
                .gzip(w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .readableBytes();
        scrapes.add((System.nanoTime() - t) / 1e6);
      }
      scrapes.sort(Double::compare);

      // The pages' models over the day in memory: the snapshot a poll publishes, the overview's
      // cards, and the first environment's page over the default range, its charts drawn from
      // the history (nothing in the database yet: all from memory). Rendering their Qute templates
      // needs the application and is not measured here.
      History history =
          new History(
              new HistoryStore(database),
              store,
              k -> Rollup.AVERAGE,
              config.getConfigMapping(HistoryConfig.class),
              Duration.ofHours(24),
              clock);
      String firstEnvironment = catalog.environments().get(0).name();
      double snapshotMillis = median(3, snapshots::publishPoll);
      double overviewMillis =
          median(5, () -> PageModels.overview(snapshots.current(), clock.instant()));
      double environmentMillis =
          median(
              5,
              () ->
                  PageModels.environment(
                      plans,
                      history,
                      dashboards,
                      snapshots.current(),
                      firstEnvironment,
                      clock.instant()));
      Row row =
          new Row(
              catalog.environments().size(),
              series,
              firstRequests,
              steadyRequests,
              (fastSeries + 499) / 500,
              first,
              times.get(times.size() / 2),
              heap,
              heapDay,
              (double) footprint.bytes() / footprint.points(),
              stored.textBytes() / 1024.0,
              body / 1024.0,
              renderMillis,
              scrapes.get(15),
              alarms.statuses().size(),
              evaluations.get(evaluations.size() / 2),
              snapshotMillis,
              overviewMillis,
              environmentMillis,
              cloudWatchPerMonth,
              costExplorerPerMonth,
              getMetricStatisticsPerMonth,
              metricsPerHour / 12,
              polls,
              pollingSeconds,
              List.copyOf(notes));
      clients.close();
      database.close();
      return row;
    }
  }

  /** Notes the environments a poll left unread (its budget used up, a failure) and why. */
  private static void unread(
      Catalog catalog, Freshness freshness, String poll, List<String> notes) {
    List<String> errors =
        catalog.environments().stream()
            .map(e -> freshness.of(e.name()).lastError())
            .flatMap(Optional::stream)
            .toList();
    if (!errors.isEmpty()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%s left %,d of %,d environments unread: %s",
              poll,
              errors.size(),
              catalog.environments().size(),
              errors.get(0)));
    }
  }

  /** The median time of {@code runs} runs of {@code work}, in milliseconds. */
  private static double median(int runs, Runnable work) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      work.run();
      times.add((System.nanoTime() - t) / 1e6);
    }
    times.sort(Double::compare);
    return times.get(runs / 2);
  }

  /**
   * Where one poller stops keeping up: the series CloudWatch lets one account and region be read in
   * a poll's budget, and the series this machine polled a second in the steady polls.
   */
  private static String ceiling(Row r) {
    PollConfig poll = config(Map.of()).getConfigMapping(PollConfig.class);
    long budget = poll.budget().toSeconds();
    // A steady read of a series: the minutes since its last fetch and the overlap again.
    long points = poll.interval().plus(poll.overlap()).toMinutes();
    double rate = r.seriesPerSecond();
    return String.format(
        Locale.ROOT,
        """
        Where one poller stops keeping up (a poll every %d s, its budget %d s):
          CloudWatch, per account and region: %d GetMetricData requests/s x %d metrics a request \
        x %d s = %,d series a poll
            an answer holds %d metrics x %d points = %,d datapoints (at most %,d); \
        %,d datapoints/s (StartTime within 3 h) / %d points x %d s = %,d series a poll
          this machine, CPU-bound against the simulator (%,d series): %,d metrics in %d steady \
        polls / %.1f s polling = %,.0f series/s; x %d s = %,.0f series a poll
        """,
        poll.interval().toSeconds(),
        budget,
        TPS,
        METRICS_PER_REQUEST,
        budget,
        TPS * METRICS_PER_REQUEST * budget,
        METRICS_PER_REQUEST,
        points,
        METRICS_PER_REQUEST * points,
        DATAPOINTS_PER_ANSWER,
        DATAPOINTS_PER_SECOND,
        points,
        budget,
        DATAPOINTS_PER_SECOND / points * budget,
        r.series(),
        r.metricsPerPoll() * r.steadyPolls(),
        r.steadyPolls(),
        r.steadyPollingSeconds(),
        rate,
        budget,
        rate * budget);
  }

  private static long seriesCount(SmallRyeConfig config) {
    Catalog catalog = Catalog.from(config.getConfigMapping(CatalogConfig.class));
    PollConfig poll = config.getConfigMapping(PollConfig.class);
    return SeriesPlans.offered(
            catalog, SeedStack.SERIES, new SeriesCadence(poll.interval(), poll.slowInterval()))
        .all()
        .stream()
        .mapToLong(p -> p.fetched().size())
        .sum();
  }

  private static SmallRyeConfig config(Map<String, String> props) {
    return new SmallRyeConfigBuilder()
        .withMapping(CatalogConfig.class)
        .withMapping(PollConfig.class)
        .withMapping(AwsConfig.class)
        .withMapping(AlarmConfig.class)
        .withMapping(CostConfig.class)
        .withMapping(DataFileConfig.class)
        .withMapping(DiscoveryConfig.class)
        .withMapping(HistoryConfig.class)
        .withConverter(Path.class, 100, Path::of)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withSources(new PropertiesConfigSource(props, "bench", 100))
        .build();
  }

  private static double heapAfterGcMb() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
  }

  /** The data files in force: shipped, and stackwatch.config-directory if set. */
  static DataFiles dataFiles(io.smallrye.config.SmallRyeConfig config) {
    return DataFiles.shippedAnd(config.getConfigMapping(DataFileConfig.class).configDirectory());
  }
}
