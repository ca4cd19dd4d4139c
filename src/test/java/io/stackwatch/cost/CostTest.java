package io.stackwatch.cost;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.CostJob;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.CostExplorerHandler;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Costs from the simulator's Cost Explorer through the real SDK, to the page, JSON and alarms. */
@QuarkusTest
@TestProfile(CostTest.AskAtWill.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostTest {

  /** Refreshes every minute and a cap that does not get in the way: what is asked is tested. */
  public static class AskAtWill implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.cost.refresh", "1m",
          "stackwatch.cost.forecast-refresh", "1m",
          "stackwatch.cost.max-requests-per-day", "1000");
    }
  }

  @Inject Costs costs;
  @Inject PollJob job;
  @Inject CostJob costJob;
  @Inject AlarmEngine alarms;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;
  @Inject CostSeries costSeries;
  @Inject io.stackwatch.store.Freshness freshness;
  @Inject io.stackwatch.snapshot.Snapshots snapshots;

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  CostExplorerHandler ce() {
    return runtime.simulator().costExplorer();
  }

  CostCollector.Refresh refresh() {
    clock.advance(Duration.ofMinutes(2));
    return costJob.refresh();
  }

  BigDecimal simulatorMonthToDate(String env, String service) {
    BigDecimal total = BigDecimal.ZERO;
    for (LocalDate d = today().withDayOfMonth(1); !d.isAfter(today()); d = d.plusDays(1)) {
      total = total.add(ce().dailyCost(env, service, d));
    }
    return total;
  }

  @Test
  @Order(1)
  void figuresEqualTheSimulatorsTotalsToTheCentPerEnvironmentAndService() {
    CostCollector.Refresh r = refresh();

    assertThat(r.failures()).isEmpty();
    assertThat(r.asked())
        .contains(
            "month:2026-10", "month:2026-11", "forecast prod", "forecast staging", "forecast dev");
    String page = given().get("/cost").then().statusCode(200).extract().asString();
    JsonPath api = given().get("/api/cost").then().statusCode(200).extract().jsonPath();
    for (String env : List.of("prod", "staging", "dev", "")) {
      CostSummary s =
          costs.summaries().stream()
              .filter(c -> c.environment().equals(env))
              .findFirst()
              .orElseThrow();
      assertThat(s.monthToDate()).as(env).isEqualByComparingTo(simulatorMonthToDate(env, null));
      for (String service : ce().services(env)) {
        assertThat(s.byService().getOrDefault(service, BigDecimal.ZERO))
            .as(env + " " + service)
            .isEqualByComparingTo(simulatorMonthToDate(env, service));
      }
      assertThat(page)
          .contains("$" + String.format(java.util.Locale.ROOT, "%,.2f", s.monthToDate()));
      assertThat(
              new BigDecimal(
                  api.getString(
                      "environments.find { it.environment == '" + env + "' }.monthToDate")))
          .isEqualByComparingTo(s.monthToDate());
    }
    assertThat(page)
        .contains("Not attributed to any environment", "What watching costs", "finding resources");
    // The plan: per cadence what is asked, for whom, at what price; its lines add up to the total.
    assertThat(page)
        .contains(
            "<td data-label=\"Every\">5 min</td><td data-label=\"What\">89 statistics (alarm rules)</td>",
            "<td data-label=\"Every\">1 h</td><td data-label=\"What\">45 statistics (panels)</td>",
            "<td data-label=\"What\">3 forecasts, one per environment</td>");
    List<Map<String, Object>> plan = api.getList("watching.plan");
    assertThat(plan)
        .extracting(l -> l.get("call") + " every " + l.get("everySeconds") + " s: " + l.get("what"))
        .startsWith(
            "CloudWatch GetMetricData every 300 s: 89 statistics (alarm rules)",
            "CloudWatch GetMetricData every 900 s: 60 statistics (panels)",
            "CloudWatch GetMetricData every 3600 s: 45 statistics (panels)",
            // The weekly trend check: 6 series in each of 3 environments, as daily statistics;
            // the quarterly right-sizing (database and cache nodes) and capacity checks.
            "CloudWatch GetMetricData every 604800 s: 18 daily statistics (maintenance checks)",
            "CloudWatch GetMetricData every 7862400 s: 12 daily statistics (maintenance checks)");
    assertThat(plan.stream().mapToDouble(l -> ((Number) l.get("usdPerMonth")).doubleValue()).sum())
        .isCloseTo(api.getDouble("watching.totalPerMonthUsd"), within(1e-3));
    // Last month per service too, so the change is told per service, over the same priced days.
    CostSummary.Comparison prod = costs.summary("prod").orElseThrow().comparison().orElseThrow();
    assertThat(prod.to()).isEqualTo(today().minusDays(1));
    assertThat(prod.byService())
        .extracting(CostSummary.ServiceChange::service)
        .containsAll(ce().services("prod"));
    for (CostSummary.ServiceChange c : prod.byService()) {
      BigDecimal last = BigDecimal.ZERO;
      for (LocalDate d = prod.lastFrom(); !d.isAfter(prod.lastTo()); d = d.plusDays(1)) {
        last = last.add(ce().dailyCost("prod", c.service(), d));
      }
      assertThat(c.lastPeriod()).as(c.service()).isEqualByComparingTo(last);
    }
    assertThat(page)
        .contains(
            "Change by service, "
                + prod.from()
                    .getMonth()
                    .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH));
    assertThat(api.getList("environments.find { it.environment == 'prod' }.comparison.byService"))
        .hasSize(prod.byService().size());
    assertThat(costs.summary("prod").orElseThrow().forecastMonth()).isPresent();
    assertThat(costs.summary("dev").orElseThrow().byService())
        .doesNotContainKey("Amazon CloudFront");
  }

  @Test
  @Order(2)
  void aFailingForecastKeepsMonthToDateAndMarksTheForecastUnavailable() {
    ce().forecastFails(true);
    try {
      CostCollector.Refresh r = refresh();
      assertThat(r.failures()).allMatch(f -> f.startsWith("forecast")).hasSize(3);
    } finally {
      ce().forecastFails(false);
    }

    CostSummary prod = costs.summary("prod").orElseThrow();
    assertThat(prod.forecastMonth()).isEmpty();
    assertThat(prod.forecastError()).get().asString().contains("DataUnavailableException");
    assertThat(prod.monthToDate()).isEqualByComparingTo(simulatorMonthToDate("prod", null));
    String page = given().get("/cost").then().statusCode(200).extract().asString();
    assertThat(page).contains("forecast unavailable: DataUnavailableException");
    given().get("/").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }

  @Test
  @Order(4)
  void aSpikeRaisesTheAnomalyFlagOnItsDayAndTheAnomalyAlarm() {
    LocalDate day = today().minusDays(4);
    ce().scenarios().spike("staging", day, 4.0);

    assertThat(refresh().failures()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    job.run();

    assertThat(costs.summary("staging").orElseThrow().anomalies()).containsExactly(day);
    assertThat(costs.summary("prod").orElseThrow().anomalies()).isEmpty();
    assertThat(alarms.status("staging/cost-anomaly").orElseThrow().state())
        .isEqualTo(AlarmState.OK)
        .as("four days ago is outside the alarm's last three days");

    LocalDate yesterday = today().minusDays(1);
    ce().scenarios().spike("prod", yesterday, 4.0);
    assertThat(refresh().failures()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    job.run();

    assertThat(costs.summary("prod").orElseThrow().anomalies()).containsExactly(yesterday);
    assertThat(alarms.status("prod/cost-anomaly").orElseThrow().state())
        .isEqualTo(AlarmState.ALARM);
    assertThat(given().get("/cost").asString()).contains("anomaly on " + yesterday);
  }

  @Test
  @Order(3)
  void anOverBudgetForecastPutsThatEnvironmentsBudgetAlarmInAlarm() {
    ce().scenarios().overBudget("dev", 2.0);

    assertThat(refresh().failures()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    job.run();

    assertThat(costs.summary("dev").orElseThrow().forecastOverBudget()).isTrue();
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .isEqualTo(AlarmState.ALARM);
    assertThat(alarms.status("prod/cost-forecast-over-budget").orElseThrow().state())
        .isEqualTo(AlarmState.OK);
    // Cost is not an outage: the card's cost line turns red, the health badge does not count it.
    String overview = given().get("/").asString();
    String dev = overview.substring(overview.indexOf("aria-labelledby=\"env-dev\""));
    dev = dev.substring(0, dev.indexOf("</section>"));
    assertThat(dev).contains("class=\"cost-line level-alarm\"");
    assertThat(dev.substring(0, dev.indexOf("</h2>"))).doesNotContain("Cost forecast");
    assertThat(given().get("/q/metrics").asString())
        .contains("stackwatch_budget_usd{environment=\"dev\"} 80.0")
        .containsPattern("stackwatch_cost_forecast_usd\\{environment=\"dev\"\\} [0-9.]+")
        .containsPattern(
            "stackwatch_cost_month_to_date_usd\\{environment=\"prod\",service=\"Amazon Relational Database Service\"\\} [0-9.]+")
        .contains("stackwatch_cost_data_age_seconds")
        .contains(
            "stackwatch_alarm_state{environment=\"dev\",alarm=\"cost-forecast-over-budget\",severity=\"critical\"} 1.0");
  }

  /** The card of one environment on the overview. */
  static String card(String environment) {
    String overview = given().get("/").asString();
    String card =
        overview.substring(overview.indexOf("aria-labelledby=\"env-" + environment + "\""));
    return card.substring(0, card.indexOf("</section>"));
  }

  /**
   * Plays dev's month at a factor that puts its forecast at {@code percent} of its budget (the
   * simulator scales every day of the month, forecast included), and polls.
   */
  void devForecastAt(double percent) {
    ce().scenarios().clear();
    assertThat(refresh().failures()).isEmpty();
    CostSummary plain = costs.summary("dev").orElseThrow();
    double factor =
        percent
            / 100
            * plain.budget().orElseThrow().doubleValue()
            / plain.forecastMonth().orElseThrow().doubleValue();
    ce().scenarios().overBudget("dev", factor);
    assertThat(refresh().failures()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    // What a poll does for the cost alarms: record the verdicts, evaluate, publish; the CloudWatch
    // part, whose first poll after days of clock moved at once would fetch them all, taken as done.
    for (String env : List.of("prod", "staging", "dev")) {
      freshness.succeeded(env, clock.instant());
    }
    costSeries.record();
    alarms.evaluate();
    snapshots.publishPoll();
  }

  double devPercent() {
    CostSummary s = costs.summary("dev").orElseThrow();
    return 100
        * s.forecastMonth().orElseThrow().doubleValue()
        / s.budget().orElseThrow().doubleValue();
  }

  /**
   * A forecast at 90 % of the budget or more turns the card's cost line amber, without a cost
   * alarm; below 90 % it has no colour; over the budget with the alarm firing, red (order 3).
   */
  @Test
  @Order(5)
  void aForecastAtNinetyPercentOfTheBudgetTurnsTheCostLineAmber() {
    devForecastAt(95);
    assertThat(devPercent()).isBetween(93.0, 97.0);
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .isEqualTo(AlarmState.OK);
    assertThat(card("dev")).contains("class=\"cost-line level-warning\"");
    assertThat(card("dev").substring(0, card("dev").indexOf("</h2>"))).doesNotContain("firing");

    devForecastAt(85);
    assertThat(devPercent()).isBetween(83.0, 87.0);
    assertThat(card("dev")).contains("class=\"cost-line\"").doesNotContain("level-warning");
    ce().scenarios().clear();
  }

  /**
   * On the second of the month, one day priced: a forecast 3 % over the budget is not judged yet
   * (the alarm keeps its state, OK, and pages nobody), while one 20 % over, beyond the 10 % margin,
   * fires at once. On the third, two days priced, 3 % over fires too.
   */
  @Test
  @Order(6)
  void aBudgetAlarmWaitsForMoreThanADayOfTheMonthUnlessTheForecastIsOverByTheMargin() {
    clock.advance(
        Duration.between(clock.instant(), java.time.Instant.parse("2026-12-02T12:00:00Z")));
    devForecastAt(103);
    assertThat(devPercent()).isBetween(101.0, 105.0);
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .as("a day priced, within the margin")
        .isEqualTo(AlarmState.OK);

    devForecastAt(120);
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .as("a day priced, beyond the margin")
        .isEqualTo(AlarmState.ALARM);
    devForecastAt(95);
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .as("under the budget is always judged")
        .isEqualTo(AlarmState.OK);

    clock.advance(
        Duration.between(clock.instant(), java.time.Instant.parse("2026-12-03T12:00:00Z")));
    devForecastAt(103);
    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .as("two days priced")
        .isEqualTo(AlarmState.ALARM);
    ce().scenarios().clear();
  }
}
