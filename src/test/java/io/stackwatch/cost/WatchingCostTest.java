package io.stackwatch.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The planned monthly spend of watching the seed's three environments, part by part. */
@Tag("plain")
class WatchingCostTest {

  static final List<SeriesPlan> PLANS =
      List.of(SeedStack.plan("prod"), SeedStack.plan("staging"), SeedStack.plan("dev"));

  static final CostConfig DEFAULTS =
      new SmallRyeConfigBuilder()
          .withMapping(CostConfig.class)
          .withConverter(Duration.class, 100, new DurationConverter())
          .withSources(new PropertiesConfigSource(Map.of(), "test", 100))
          .build()
          .getConfigMapping(CostConfig.class);

  @Test
  void hourlyDiscoveryAddsTwoListMetricsRequestsPerEnvironmentAndNothingElse() {
    WatchingCost without = WatchingCost.planned(PLANS, DEFAULTS, 3, Optional.empty());
    WatchingCost hourly =
        WatchingCost.planned(PLANS, DEFAULTS, 3, Optional.of(Duration.ofHours(1)));

    assertThat(without.discoveryUsd()).isZero();
    // 3 environments x 2 requests x 720 hours = 4,320 requests at $0.01 per 1,000.
    assertThat(hourly.discoveryUsd()).isCloseTo(0.0432, within(1e-9));
    assertThat(hourly.cloudWatchUsd()).isEqualTo(without.cloudWatchUsd());
    assertThat(hourly.totalUsd() - without.totalUsd()).isCloseTo(0.0432, within(1e-9));
  }

  @Test
  void costExplorerIsHeldToTheDailyCap() {
    // Defaults: every 6 hours and a forecast per environment daily would be 7 a day; the cap is 8.
    WatchingCost planned = WatchingCost.planned(PLANS, DEFAULTS, 3, Optional.empty());
    WatchingCost many = WatchingCost.planned(PLANS, DEFAULTS, 30, Optional.empty());

    assertThat(planned.costExplorerUsd()).isCloseTo(7 * 30 * 0.01, within(1e-9));
    assertThat(many.costExplorerUsd())
        .isCloseTo(DEFAULTS.maxRequestsPerDay() * 30 * 0.01, within(1e-9));
  }
}
