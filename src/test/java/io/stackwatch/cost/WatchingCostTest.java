package io.stackwatch.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.cost.WatchingCost.Api;
import io.stackwatch.cost.WatchingCost.Line;
import io.stackwatch.series.SeriesPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The planned monthly spend of watching the seed's three environments, line by line. */
@Tag("plain")
class WatchingCostTest {

  static final List<SeriesPlan> PLANS = SeedStack.readPlans().all();

  static final CostConfig DEFAULTS =
      new SmallRyeConfigBuilder()
          .withMapping(CostConfig.class)
          .withConverter(Duration.class, 100, new DurationConverter())
          .withSources(new PropertiesConfigSource(Map.of(), "test", 100))
          .build()
          .getConfigMapping(CostConfig.class);

  @Test
  void eachCadenceIsALineWithWhatItFetchesWhoAsksAndItsPrice() {
    WatchingCost planned = WatchingCost.planned(PLANS, DEFAULTS, 3, Optional.empty());

    assertThat(planned.plan())
        .extracting(Line::api, l -> WatchingCost.every(l.every()), Line::what)
        .containsExactly(
            tuple(Api.GET_METRIC_DATA, "5 min", "89 statistics (alarm rules)"),
            tuple(Api.GET_METRIC_DATA, "15 min", "60 statistics (panels)"),
            tuple(Api.GET_METRIC_DATA, "1 h", "45 statistics (panels)"),
            tuple(Api.COST_EXPLORER, "8 h", "this month's costs by environment and service"),
            tuple(Api.COST_EXPLORER, "24 h", "3 forecasts, one per environment"));
    // 89 x 8,640 + 60 x 2,880 + 45 x 720 metrics at $0.01 per 1,000.
    assertThat(planned.cloudWatchUsd())
        .isCloseTo((89 * 8640 + 60 * 2880 + 45 * 720) * 0.01 / 1000, within(1e-9));
    // Three refreshes and three forecasts a day, 30 days, $0.01 each.
    assertThat(planned.costExplorerUsd()).isCloseTo(6 * 30 * 0.01, within(1e-9));
    assertThat(planned.totalUsd())
        .isCloseTo(planned.cloudWatchUsd() + planned.costExplorerUsd(), within(1e-9));
  }

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
    // 30 environments would ask 3 refreshes and 30 forecasts a day; the cap is 8.
    WatchingCost many = WatchingCost.planned(PLANS, DEFAULTS, 30, Optional.empty());

    assertThat(many.costExplorerUsd())
        .isCloseTo(DEFAULTS.maxRequestsPerDay() * 30 * 0.01, within(1e-9));
  }
}
