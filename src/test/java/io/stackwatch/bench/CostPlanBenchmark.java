package io.stackwatch.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.cloudwatch.CloudWatchMetricSource;
import io.stackwatch.cloudwatch.PollConfig;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What watching the seed's three environments costs a month, per cadence: the plan {@code /cost}
 * states (the series the shipped alarm rules and dashboards read, each at its most demanding
 * reader's refresh; Cost Explorer at its refresh), then what a day of polls through the real SDK
 * client against the simulator was billed, priced for a month. Run with {@code ./mvnw test -Pbench
 * -Dtest=CostPlanBenchmark}; seconds.
 */
class CostPlanBenchmark {

  @Test
  void run() throws Exception {
    SmallRyeConfig config = SeedStack.defaults(PollConfig.class, AwsConfig.class, CostConfig.class);
    SeriesPlans plans = SeedStack.readPlans();
    TestClock clock = new TestClock();
    WatchingCost planned;
    try (Database database = new Database("jdbc:h2:mem:plan;DB_CLOSE_DELAY=-1", null, null, 1)) {
      Maintenance maintenance =
          new Maintenance(
              DataFiles.shippedAnd(Optional.empty()),
              SeedStack.CATALOG,
              new MaintenanceStore(database),
              clock);
      planned =
          WatchingCost.planned(
                  plans.all(),
                  config.getConfigMapping(CostConfig.class),
                  SeedStack.CATALOG.environments().size(),
                  Optional.empty())
              .and(maintenance.plannedFetches(plans));
    }

    StringBuilder out =
        new StringBuilder("\nstackwatch watching plan (the seed, default settings)\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-26s %7s %-52s %14s %9s%n",
            "call",
            "every",
            "what",
            "billed/month",
            "$/month"));
    for (WatchingCost.Line l : planned.plan()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-26s %7s %-52s %,14.0f %9.2f%n",
              l.api().title(),
              WatchingCost.every(l.every()),
              l.what(),
              l.billedPerMonth(),
              l.usdPerMonth()));
    }
    out.append(
        String.format(
            Locale.ROOT, "%-26s %7s %-52s %14s %9.2f%n", "total", "", "", "", planned.totalUsd()));

    // A day of polls, every 5 minutes, through the SDK: what CloudWatch would bill.
    ApiCallMeter meter = new ApiCallMeter();
    try (AwsSimulator sim = AwsSimulator.start(0, clock, 42)) {
      AwsClients clients =
          new AwsClients(config.getConfigMapping(AwsConfig.class), meter, sim::endpoint);
      CloudWatchCollector collector =
          new CloudWatchCollector(
              SeedStack.CATALOG,
              plans,
              new CloudWatchMetricSource(clients),
              new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1)),
              new Freshness(Duration.ofMinutes(12)),
              config.getConfigMapping(PollConfig.class),
              config.getConfigMapping(AwsConfig.class),
              clock,
              new SimpleMeterRegistry());
      collector.poll();
      ApiCallMeter.Operation gmd = new ApiCallMeter.Operation("CloudWatch", "GetMetricData");
      long before = meter.metricsRequested(gmd);
      for (int i = 0; i < 24 * 12; i++) {
        clock.advance(Duration.ofMinutes(5));
        collector.poll();
      }
      long metrics = meter.metricsRequested(gmd) - before;
      out.append(
          String.format(
              Locale.ROOT,
              "%nmeasured: a day of 5-minute polls asked %,d metrics: $%.2f a month of"
                  + " GetMetricData (planned for the poll: $%.2f; the maintenance checks' few"
                  + " daily statistics are not part of a day's polls)%n",
              metrics,
              metrics * 30 * 0.01 / 1000,
              planned.plan().stream()
                  .filter(l -> l.what().endsWith("(alarm rules)") || l.what().endsWith("(panels)"))
                  .mapToDouble(WatchingCost.Line::usdPerMonth)
                  .sum()));
      clients.close();
    }
    System.out.println(out);
  }
}
