package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwatch.simulator.CostParameters.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Answers GetCostForecast: the model's mean cost of the filtered lines (weekly shape, scenarios, no
 * noise), per day or per month, with a prediction interval that widens with the horizon. Each day's
 * mean is rounded to the cent and periods and the total are sums of those days.
 */
final class GetCostForecastAction {

  static final String INSUFFICIENT_DATA =
      "Insufficient amount of historical data to generate forecast.";

  private static final List<String> METRICS =
      List.of(
          "AMORTIZED_COST",
          "BLENDED_COST",
          "NET_AMORTIZED_COST",
          "NET_UNBLENDED_COST",
          "UNBLENDED_COST",
          "USAGE_QUANTITY",
          "NORMALIZED_USAGE_AMOUNT");

  // Relative standard deviation of a one-day forecast; it grows with the square root of the
  // horizon.
  private static final double DAILY_SIGMA = 0.04;

  private final CostLedger ledger;
  private final Supplier<Set<String>> environments;
  private final JsonProtocol protocol;

  GetCostForecastAction(
      CostLedger ledger, Supplier<Set<String>> environments, JsonProtocol protocol) {
    this.ledger = ledger;
    this.environments = environments;
    this.protocol = protocol;
  }

  SimResponse answer(ObjectNode body) {
    Instant now = ledger.now();
    LocalDate today = CostLedger.today(now);
    Period range = CostParameters.timePeriod(body);
    if (!range.start().isBefore(range.end())) {
      throw CostParameters.invalid(
          "Requested Start: " + range.start() + " must be before requested End: " + range.end());
    }
    if (range.start().isBefore(today)) {
      throw CostParameters.invalid(
          "Start date must be equal to or later than the current date: " + today);
    }
    metric(body);
    String granularity = CostParameters.granularity(body);
    LocalDate limit =
        granularity.equals("DAILY") ? range.start().plusMonths(3) : range.start().plusMonths(12);
    if (range.end().isAfter(limit)) {
      throw CostParameters.invalid(
          granularity.equals("DAILY")
              ? "DAILY forecasts can cover at most 3 months"
              : "MONTHLY forecasts can cover at most 12 months");
    }
    Integer level = level(body);
    CostExpression filter = CostParameters.filter(body);

    Set<String> envs = new LinkedHashSet<>(environments.get());
    if (filter != null) {
      filter.environments(envs);
    }
    envs.add("");
    List<CostLine> lines = new ArrayList<>();
    for (String env : envs) {
      for (CostLine line : ledger.model().lines(env)) {
        if (filter == null || filter.matches(line)) {
          lines.add(line);
        }
      }
    }
    if (lines.isEmpty()) {
      // No spend matches the filter, so there is no history to forecast from.
      throw ServiceException.sender("DataUnavailableException", INSUFFICIENT_DATA);
    }

    List<Period> periods = CostParameters.periods(range, granularity);
    long[] means = new long[periods.size()];
    long total = 0;
    for (int i = 0; i < periods.size(); i++) {
      Period p = periods.get(i);
      for (LocalDate d = p.start(); d.isBefore(p.end()); d = d.plusDays(1)) {
        double usd = 0;
        for (CostLine line : lines) {
          usd += ledger.forecast(line, d, now);
        }
        means[i] += Math.round(usd * 100);
      }
      total += means[i];
    }
    long grandTotal = total;
    double z = level == null ? 0 : z(level / 100.0);
    return protocol.result(
        json -> {
          json.putObject("Total")
              .put("Amount", CostParameters.amount(grandTotal))
              .put("Unit", "USD");
          ArrayNode results = json.putArray("ForecastResultsByTime");
          for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            ObjectNode result = results.addObject();
            result
                .putObject("TimePeriod")
                .put("Start", p.start().toString())
                .put("End", p.end().toString());
            result.put("MeanValue", CostParameters.amount(means[i]));
            if (level != null) {
              long ahead = ChronoUnit.DAYS.between(today, p.start());
              double width = z * DAILY_SIGMA * Math.sqrt(1 + ahead / 7.0);
              long lower = Math.max(0, Math.round(means[i] * (1 - width)));
              long upper = Math.round(means[i] * (1 + width));
              result
                  .put("PredictionIntervalLowerBound", CostParameters.amount(lower))
                  .put("PredictionIntervalUpperBound", CostParameters.amount(upper));
            }
          }
        });
  }

  private static void metric(ObjectNode body) {
    String metric = body.path("Metric").textValue();
    if (metric == null) {
      throw CostParameters.notNull("metric");
    }
    if (!METRICS.contains(metric)) {
      throw CostParameters.invalid(
          "1 validation error detected: Value '"
              + metric
              + "' at 'metric' failed to satisfy constraint: Member must satisfy enum value set: "
              + METRICS);
    }
    if (metric.equals("USAGE_QUANTITY") || metric.equals("NORMALIZED_USAGE_AMOUNT")) {
      throw CostParameters.invalid(
          "Metric " + metric + " is not supported by GetCostForecast; use GetUsageForecast");
    }
  }

  private static Integer level(ObjectNode body) {
    JsonNode value = body.get("PredictionIntervalLevel");
    if (!StrictJson.present(value)) {
      return null;
    }
    int level = value.isNumber() ? value.intValue() : -1;
    if (level < 51 || level > 99) {
      throw CostParameters.invalid(
          "1 validation error detected: Value '"
              + (value.isContainerNode() ? value.toString() : value.asText())
              + "' at 'predictionIntervalLevel' failed to satisfy constraint: Member must have"
              + " value "
              + (level < 51 ? "greater than or equal to 51" : "less than or equal to 99"));
    }
    return level;
  }

  /**
   * The two-sided normal quantile for a confidence level: sqrt(2) erfinv(level), by Winitzki's
   * approximation (good to about 0.2 %, plenty for an interval's width).
   */
  static double z(double level) {
    double a = 0.147;
    double ln = Math.log(1 - level * level);
    double t = 2 / (Math.PI * a) + ln / 2;
    return Math.sqrt(2) * Math.sqrt(Math.sqrt(t * t - ln / a) - t);
  }
}
