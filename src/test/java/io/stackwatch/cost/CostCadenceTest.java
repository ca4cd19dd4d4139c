package io.stackwatch.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.simulator.CallLog;
import io.stackwatch.store.Database;
import io.stackwatch.store.StoreConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * With the default cadence (8 hours, forecasts daily) and cap (8 requests a day), three days of
 * hourly checks ask Cost Explorer no more than they allow, and a restart asks nothing again.
 */
@QuarkusTest
@TestProfile(CostCadenceTest.Defaults.class)
class CostCadenceTest {

  /** The shipped cost settings, in an application of its own. */
  public static class Defaults implements QuarkusTestProfile {}

  @Inject CostCollector collector;
  @Inject Catalog catalog;
  @Inject CostSource source;
  @Inject CostConfig config;
  @Inject StoreConfig store;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  @Test
  void threeDaysOfHourlyChecksStayWithinCadenceAndCapAndARestartAsksNothing() {
    CallLog calls = runtime.simulator().calls();
    calls.clear();
    for (int hour = 0; hour < 72; hour++) {
      clock.advance(Duration.ofHours(1));
      assertThat(collector.refresh().failures()).isEmpty();

      if (hour == 30) {
        // A restart: new pool, new log and summaries, same database.
        long before = calls.all().size();
        try (Database again = new Database(store.jdbcUrl(), null, null, 2)) {
          CostStore log = new CostStore(again);
          CostCollector restarted =
              new CostCollector(
                  catalog, source, log, new Costs(catalog, log, config, clock), config, clock);
          assertThat(restarted.refresh().asked()).isEmpty();
        }
        assertThat(calls.all()).as("requests after the restart").hasSize((int) before);
      }
    }

    Map<LocalDate, Long> perDay = new TreeMap<>();
    Map<LocalDate, Long> forecastsPerDay = new TreeMap<>();
    for (CallLog.Call c : calls.all()) {
      if (!c.service().equals("ce")) {
        continue;
      }
      LocalDate day = LocalDate.ofInstant(c.at(), ZoneOffset.UTC);
      perDay.merge(day, 1L, Long::sum);
      if (c.operation().equals("GetCostForecast")) {
        forecastsPerDay.merge(day, 1L, Long::sum);
      }
    }
    assertThat(perDay).hasSizeGreaterThanOrEqualTo(3);
    assertThat(perDay.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 8L));
    assertThat(forecastsPerDay.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3L));
    assertThat(calls.count("ce", "GetCostAndUsage")).isGreaterThanOrEqualTo(3);
    System.out.println("Cost Explorer requests per UTC day over 72 hourly checks: " + perDay);
  }
}
