package io.stackwatch.alarm;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.catalog.Environment;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesCatalog;
import io.stackwatch.series.SeriesCatalogLoader;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed's three environments, built from configuration as the application builds them. */
public final class SeedStack {

  /** The shipped rule files, relative to the project directory Maven runs tests from. */
  static final Path SHIPPED_RULES = Path.of("alarms");

  public static final Catalog CATALOG =
      catalog(
          Map.ofEntries(
              Map.entry("stackwatch.environments.prod.allocated-storage-gb", "100"),
              Map.entry("stackwatch.environments.prod.resources.cache-nodes", "3"),
              Map.entry("stackwatch.environments.prod.resources.nat-gateways", "3"),
              Map.entry("stackwatch.environments.staging.allocated-storage-gb", "50"),
              Map.entry("stackwatch.environments.staging.resources.cache-nodes", "2"),
              Map.entry("stackwatch.environments.staging.resources.nat-gateways", "3"),
              Map.entry("stackwatch.environments.dev.allocated-storage-gb", "20"),
              Map.entry("stackwatch.environments.dev.resources.cache-nodes", "1"),
              Map.entry("stackwatch.environments.dev.resources.nat-gateways", "1"),
              Map.entry("stackwatch.environments.dev.resources.cloudfront", "false")));

  /** The shipped series catalog. */
  public static final SeriesCatalog SERIES =
      SeriesCatalogLoader.load(List.of(Path.of("dashboards/series/aws.yaml")));

  /** The poll's cadences by default: every 5 minutes, panels every 15. */
  public static final SeriesCadence CADENCE =
      new SeriesCadence(Duration.ofMinutes(5), Duration.ofMinutes(15));

  private SeedStack() {}

  public static Environment env(String name) {
    return CATALOG.find(name).orElseThrow();
  }

  /**
   * The seed's plans as the application makes them: the series the shipped alarm rules and
   * dashboards read, each at its most demanding reader's refresh.
   */
  public static SeriesPlans readPlans() {
    return readPlans(DataFiles.shippedAnd(Optional.empty()));
  }

  /** The plans the readers of these data files (rules, dashboards, series catalog) make. */
  public static SeriesPlans readPlans(DataFiles files) {
    SeriesCatalog series = SeriesCatalogLoader.load(files);
    AlarmConfig alarms = defaults(AlarmConfig.class).getConfigMapping(AlarmConfig.class);
    return new SeriesPlans(
        CATALOG,
        series,
        CADENCE,
        List.of(
            new AlarmSeriesUse(alarms, files), new Dashboards(files, CATALOG, series, CADENCE)));
  }

  public static SeriesPlan plan(String name) {
    return SERIES.offered(env(name), env(name).resources().inventory(name), CADENCE.poll());
  }

  static List<AlarmRule> shippedRules() {
    return RuleLoader.load(SHIPPED_RULES);
  }

  /** The shipped rules bound in one environment with AWS's default Lambda limit. */
  static List<AlarmInstance> bound(String name) {
    return AlarmBinding.bind(shippedRules(), env(name), plan(name));
  }

  static AlarmInstance instance(String environment, String id) {
    return bound(environment).stream()
        .filter(i -> i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alarm " + id + " in " + environment));
  }

  /**
   * The settings of these mappings at their defaults, durations read as the application reads them.
   */
  public static SmallRyeConfig defaults(Class<?>... mappings) {
    SmallRyeConfigBuilder builder =
        new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter());
    for (Class<?> mapping : mappings) {
      builder.withMapping(mapping);
    }
    return builder.build();
  }

  private static Catalog catalog(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return Catalog.from(config.getConfigMapping(CatalogConfig.class));
  }
}
