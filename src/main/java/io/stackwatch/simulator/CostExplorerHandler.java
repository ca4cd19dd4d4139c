package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Simulated Cost Explorer ({@code ce}, AWS JSON 1.1, target prefix {@code
 * AWSInsightsIndexService}): GetCostAndUsage with Filter, GroupBy and NextPageToken, and
 * GetCostForecast, over a bill the {@link CostModel} generates from the seed. Its controls let
 * tests and demos shape the answers: {@link #pageSize}, {@link #scenarios}, {@link
 * #addEnvironment}, and switches for Cost Explorer's own failures ({@link #dataUnavailable}, {@link
 * #forecastFails}). Throttling comes from {@link Faults#throttle}, answered with Cost Explorer's
 * {@code LimitExceededException}.
 *
 * <p>{@link #dailyCost} tells a test what a page must add up to: every amount the service sends is
 * a sum of per-line, per-day amounts rounded to the cent, so the figures match to the cent.
 */
public final class CostExplorerHandler implements ServiceHandler {

  /** The {@code X-Amz-Target} prefix of Cost Explorer operations. */
  public static final String TARGET_PREFIX = "AWSInsightsIndexService";

  private final JsonProtocol protocol = new JsonProtocol(TARGET_PREFIX);
  private final CostModel model;
  private final CostScenarios scenarios = new CostScenarios();
  private final CostLedger ledger;
  private final GetCostAndUsageAction getCostAndUsage;
  private final GetCostForecastAction getCostForecast;
  private final Set<String> environments = new LinkedHashSet<>(CostModel.DEFAULT_ENVIRONMENTS);
  private volatile boolean dataUnavailable;
  private volatile boolean forecastFails;

  CostExplorerHandler(Clock clock, long seed) {
    this.model = new CostModel(seed);
    this.ledger = new CostLedger(clock, model, scenarios);
    this.getCostAndUsage = new GetCostAndUsageAction(ledger, this::environments, protocol);
    this.getCostForecast = new GetCostForecastAction(ledger, this::environments, protocol);
  }

  // --- controls ---

  /**
   * Caps the rows of one GetCostAndUsage page (a row is one group in one period, or one period when
   * nothing is grouped), so tests can exercise paging with little data. Default 500.
   */
  public CostExplorerHandler pageSize(int rows) {
    getCostAndUsage.pageSize(rows);
    return this;
  }

  /** Spikes and over-budget runs to play on the bill. */
  public CostScenarios scenarios() {
    return scenarios;
  }

  /**
   * Bills one more Environment tag value in every answer, not only when a filter names it. dev,
   * staging and prod are always billed.
   */
  public CostExplorerHandler addEnvironment(String environment) {
    if (environment == null || environment.isEmpty()) {
      throw new IllegalArgumentException("an environment needs a non-empty name");
    }
    synchronized (environments) {
      environments.add(environment);
    }
    return this;
  }

  /** The Environment tag values billed in every answer. */
  public Set<String> environments() {
    synchronized (environments) {
      return Set.copyOf(environments);
    }
  }

  /**
   * While on, every Cost Explorer call answers HTTP 400 {@code DataUnavailableException}, as when
   * the account's cost data is still being prepared.
   */
  public CostExplorerHandler dataUnavailable(boolean unavailable) {
    this.dataUnavailable = unavailable;
    return this;
  }

  /**
   * While on, GetCostForecast answers HTTP 400 {@code DataUnavailableException} "Insufficient
   * amount of historical data to generate forecast."; GetCostAndUsage is unaffected.
   */
  public CostExplorerHandler forecastFails(boolean fails) {
    this.forecastFails = fails;
    return this;
  }

  /** Turns the failure switches off and stops every scenario. */
  public void reset() {
    dataUnavailable = false;
    forecastFails = false;
    scenarios.clear();
  }

  /** The data model behind the answers, without scenarios or estimates. */
  public CostModel model() {
    return model;
  }

  /**
   * What GetCostAndUsage reports right now for one service of one environment on one day: scenarios
   * applied, estimates as revised at this moment, zero for today and later.
   *
   * @param environment an Environment tag value, or {@code ""} for untagged spend
   * @param service a SERVICE dimension value such as {@code Amazon Relational Database Service};
   *     null for all services
   * @return USD with two decimals
   */
  public BigDecimal dailyCost(String environment, String service, LocalDate day) {
    Instant now = ledger.now();
    long cents = 0;
    for (CostLine line : model.lines(environment)) {
      if (service == null || service.equals(line.service())) {
        cents += ledger.cents(line, day, now);
      }
    }
    return BigDecimal.valueOf(cents, 2);
  }

  /** {@link #dailyCost(String, String, LocalDate)} of all services. */
  public BigDecimal dailyCost(String environment, LocalDate day) {
    return dailyCost(environment, null, day);
  }

  /** The SERVICE values an environment ({@code ""}: untagged spend) is billed for, sorted. */
  public List<String> services(String environment) {
    Set<String> services = new TreeSet<>();
    model.lines(environment).forEach(l -> services.add(l.service()));
    return List.copyOf(services);
  }

  /** Whether GetCostAndUsage marks this day {@code Estimated} now: it is under 3 days old. */
  public boolean estimated(LocalDate day) {
    return CostLedger.estimated(day, ledger.now());
  }

  // --- ServiceHandler ---

  @Override
  public String operation(SimRequest request) {
    return protocol.operation(request);
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String operation = operation(request);
    if (!operation.equals("GetCostAndUsage") && !operation.equals("GetCostForecast")) {
      String target = request.header("X-Amz-Target");
      throw ServiceException.sender(
          "UnknownOperationException",
          "The operation "
              + (target == null ? "(no X-Amz-Target header)" : target)
              + " is not simulated; the simulator answers GetCostAndUsage and GetCostForecast");
    }
    ObjectNode body = protocol.body(request);
    if (dataUnavailable) {
      throw ServiceException.sender(
          "DataUnavailableException",
          "Data is not available. Please try to adjust the time period.");
    }
    if (operation.equals("GetCostAndUsage")) {
      return getCostAndUsage.answer(body);
    }
    if (forecastFails) {
      throw ServiceException.sender(
          "DataUnavailableException", GetCostForecastAction.INSUFFICIENT_DATA);
    }
    return getCostForecast.answer(body);
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  /** Cost Explorer's throttling error; the SDK counts it as throttling and retries it. */
  @Override
  public ServiceError throttlingError() {
    return ServiceError.sender("LimitExceededException", "Rate exceeded");
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(json -> {});
  }
}
