package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.ForecastResult;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastResponse;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;

@Tag("simulator")
class GetCostForecastTest {

  private static final String PROD_FILTER = "prod";

  private AwsSimulator sim;
  private CostExplorerClient ce;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    ce = SimulatorFixture.costExplorer(sim);
  }

  @AfterEach
  void stop() {
    ce.close();
    sim.close();
  }

  @Test
  void dailyForecastIsTheModelsMeanWithAnIntervalThatWidensWithTheHorizon() {
    GetCostForecastResponse response =
        ce.getCostForecast(restOfNovember(PROD_FILTER).andThen(r -> r.predictionIntervalLevel(80)));

    assertThat(response.forecastResultsByTime())
        .extracting(f -> f.timePeriod().start())
        .containsExactly("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30");
    BigDecimal total = BigDecimal.ZERO;
    for (ForecastResult day : response.forecastResultsByTime()) {
      BigDecimal mean = new BigDecimal(day.meanValue());
      assertThat(mean)
          .isEqualByComparingTo(expectedMean("prod", LocalDate.parse(day.timePeriod().start())));
      assertThat(new BigDecimal(day.predictionIntervalLowerBound())).isLessThan(mean);
      assertThat(new BigDecimal(day.predictionIntervalUpperBound())).isGreaterThan(mean);
      total = total.add(mean);
    }
    assertThat(new BigDecimal(response.total().amount())).isEqualByComparingTo(total);
    assertThat(response.total().unit()).isEqualTo("USD");
    // prod: about $596 a month, so about $20 a day.
    assertThat(total.doubleValue()).isBetween(5 * 17.0, 5 * 23.0);
    assertThat(width(response.forecastResultsByTime().get(4)))
        .isGreaterThan(width(response.forecastResultsByTime().get(0)));
  }

  @Test
  void monthlyForecastsCoverCalendarMonthsAndHaveNoIntervalUnlessAsked() {
    GetCostForecastResponse response =
        ce.getCostForecast(
            r ->
                r.timePeriod(t -> t.start("2026-11-26").end("2027-02-01"))
                    .granularity("MONTHLY")
                    .metric("UNBLENDED_COST"));
    assertThat(response.forecastResultsByTime())
        .extracting(
            f -> f.timePeriod().start(),
            f -> f.timePeriod().end(),
            ForecastResult::predictionIntervalLowerBound)
        .containsExactly(
            tuple("2026-11-26", "2026-12-01", null),
            tuple("2026-12-01", "2027-01-01", null),
            tuple("2027-01-01", "2027-02-01", null));
    // December, all environments and untagged: about $929 / 0.97 for 31 days.
    assertThat(Double.parseDouble(response.forecastResultsByTime().get(1).meanValue()))
        .isBetween(900.0, 1080.0);
  }

  @Test
  void overBudgetPushesMonthToDateAndForecastPastTheSeedsBudget() {
    double before = monthToDate("prod") + forecastTotal("prod");
    assertThat(before).isBetween(596 * 0.95, 596 * 1.05);

    sim.costExplorer().scenarios().overBudget("prod", 1.3);
    double after = monthToDate("prod") + forecastTotal("prod");
    assertThat(after).isGreaterThan(600).isBetween(before * 1.29, before * 1.31);
    // Other environments are untouched.
    assertThat(sim.costExplorer().dailyCost("staging", LocalDate.parse("2026-11-10")))
        .isLessThan(BigDecimal.valueOf(12));
  }

  @Test
  void aStartInThePastIsAValidationError() {
    assertThatThrownBy(
            () ->
                ce.getCostForecast(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-25").end("2026-12-01"))
                            .granularity("MONTHLY")
                            .metric("UNBLENDED_COST")))
        .isInstanceOfSatisfying(
            CostExplorerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage()).contains("current date");
            });
    assertThatThrownBy(
            () ->
                ce.getCostForecast(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-27").end("2026-11-27"))
                            .granularity("DAILY")
                            .metric("UNBLENDED_COST")))
        .isInstanceOf(CostExplorerException.class)
        .hasMessageContaining(
            "Requested Start: 2026-11-27 must be before requested End: 2026-11-27");
  }

  @Test
  void aForecastThatFailsIsDataUnavailableWhileActualsStillAnswer() {
    sim.costExplorer().forecastFails(true);

    assertThatThrownBy(() -> ce.getCostForecast(restOfNovember(PROD_FILTER)))
        .isInstanceOfSatisfying(
            DataUnavailableException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Insufficient amount of historical data to generate forecast.");
            });
    assertThat(monthToDate("prod")).isPositive();

    sim.costExplorer().forecastFails(false);
    assertThat(forecastTotal("prod")).isPositive();
  }

  @Test
  void aFilterThatMatchesNoSpendHasNoHistoryToForecastFrom() {
    assertThatThrownBy(
            () ->
                ce.getCostForecast(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-26").end("2026-12-01"))
                            .granularity("DAILY")
                            .metric("UNBLENDED_COST")
                            .filter(
                                f ->
                                    f.and(
                                        e -> e.tags(t -> t.key("Environment").values("dev")),
                                        e ->
                                            e.dimensions(
                                                d ->
                                                    d.key("SERVICE")
                                                        .values("Amazon CloudFront"))))))
        .isInstanceOf(DataUnavailableException.class);
  }

  @Test
  void throttledForecastsAreLimitExceeded() {
    sim.faults().throttle("ce", "GetCostForecast").times(1);
    assertThatThrownBy(() -> ce.getCostForecast(restOfNovember(PROD_FILTER)))
        .isInstanceOf(LimitExceededException.class);
    assertThat(forecastTotal("prod")).isPositive();
    assertThat(sim.calls().count("ce", "GetCostForecast")).isEqualTo(2);
  }

  private static Consumer<GetCostForecastRequest.Builder> restOfNovember(String environment) {
    return r ->
        r.timePeriod(t -> t.start("2026-11-26").end("2026-12-01"))
            .granularity("DAILY")
            .metric("UNBLENDED_COST")
            .filter(f -> f.tags(t -> t.key("Environment").values(environment)));
  }

  private double forecastTotal(String environment) {
    return Double.parseDouble(ce.getCostForecast(restOfNovember(environment)).total().amount());
  }

  private double monthToDate(String environment) {
    return Double.parseDouble(
        ce.getCostAndUsage(
                r ->
                    r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                        .granularity("MONTHLY")
                        .metrics("UnblendedCost")
                        .filter(f -> f.tags(t -> t.key("Environment").values(environment))))
            .resultsByTime()
            .get(0)
            .total()
            .get("UnblendedCost")
            .amount());
  }

  /** The model's mean for a day, summed over the environment's lines and rounded to the cent. */
  private BigDecimal expectedMean(String environment, LocalDate day) {
    CostModel model = sim.costExplorer().model();
    double usd = 0;
    for (CostLine line : model.lines(environment)) {
      usd += model.expected(line, day);
    }
    return BigDecimal.valueOf(Math.round(usd * 100), 2);
  }

  private static double width(ForecastResult f) {
    return (Double.parseDouble(f.predictionIntervalUpperBound())
            - Double.parseDouble(f.predictionIntervalLowerBound()))
        / Double.parseDouble(f.meanValue());
  }
}
