package io.stackwatch.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one environment has cost this month, where the month is heading against its budget, what
 * changed against last month, and which days were anomalies. A pure function of the stored Cost
 * Explorer answers.
 *
 * @param environment environment name, {@link CostLine#UNATTRIBUTED} for untagged spend
 * @param monthToDate spend from the 1st to today
 * @param forecastMonth month to date plus the forecast for the rest of the month, if any
 * @param forecastError why there is no forecast, if there is none
 * @param budget the monthly budget, if the environment has one
 * @param lastMonthToDate last month's spend over the same days of the month
 * @param daily spend per day of this month, oldest first
 * @param byCategory month to date per seed category
 * @param byService month to date per AWS service, largest first
 * @param asOf when Cost Explorer was asked
 */
public record CostSummary(
    String environment,
    BigDecimal monthToDate,
    Optional<BigDecimal> forecastMonth,
    Optional<String> forecastError,
    Optional<BigDecimal> budget,
    BigDecimal lastMonthToDate,
    List<DailyCost> daily,
    Map<Category, BigDecimal> byCategory,
    Map<String, BigDecimal> byService,
    Instant asOf) {

  /**
   * One day's spend.
   *
   * @param day the day
   * @param amount US dollars
   * @param estimated AWS still revises it
   * @param anomaly above its trailing mean by the anomaly rule
   */
  public record DailyCost(LocalDate day, BigDecimal amount, boolean estimated, boolean anomaly) {}

  /** Whether the forecast for the month exceeds the budget. */
  public boolean forecastOverBudget() {
    return forecastMonth.isPresent()
        && budget.isPresent()
        && forecastMonth.get().compareTo(budget.get()) > 0;
  }

  /** Change of month to date against last month's same days, in percent; empty without data. */
  public Optional<Double> changePercent() {
    if (lastMonthToDate.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        monthToDate
            .subtract(lastMonthToDate)
            .multiply(BigDecimal.valueOf(100))
            .divide(lastMonthToDate, 1, RoundingMode.HALF_UP)
            .doubleValue());
  }

  /** Days flagged as anomalies. */
  public List<LocalDate> anomalies() {
    return daily.stream().filter(DailyCost::anomaly).map(DailyCost::day).toList();
  }

  /**
   * Summarises one environment.
   *
   * @param today the current day (UTC); this month runs from its 1st to it
   * @param lines this month's and last month's lines of every environment
   * @param forecast the environment's forecast, if one was asked
   * @param rule when a day counts as an anomaly
   */
  public static CostSummary of(
      String environment,
      Optional<BigDecimal> budget,
      LocalDate today,
      List<CostLine> lines,
      Optional<Forecast> forecast,
      AnomalyRule rule,
      Instant asOf) {
    LocalDate first = today.withDayOfMonth(1);
    LocalDate lastMonthFirst = first.minusMonths(1);
    LocalDate lastMonthSameDay =
        lastMonthFirst.plusDays(
            Math.min(today.getDayOfMonth(), lastMonthFirst.lengthOfMonth()) - 1);

    Map<LocalDate, BigDecimal> perDay = new TreeMap<>();
    Map<LocalDate, Boolean> estimated = new TreeMap<>();
    Map<Category, BigDecimal> byCategory = new EnumMap<>(Category.class);
    Map<String, BigDecimal> byService = new TreeMap<>();
    BigDecimal lastMonth = BigDecimal.ZERO;
    for (CostLine l : lines) {
      if (!l.environment().equals(environment)) {
        continue;
      }
      perDay.merge(l.day(), l.amount(), BigDecimal::add);
      estimated.merge(l.day(), l.estimated(), Boolean::logicalOr);
      if (!l.day().isBefore(first) && !l.day().isAfter(today)) {
        byCategory.merge(Category.of(l.service()), l.amount(), BigDecimal::add);
        byService.merge(l.service(), l.amount(), BigDecimal::add);
      } else if (!l.day().isBefore(lastMonthFirst) && !l.day().isAfter(lastMonthSameDay)) {
        lastMonth = lastMonth.add(l.amount());
      }
    }

    List<BigDecimal> history = new ArrayList<>();
    List<DailyCost> daily = new ArrayList<>();
    BigDecimal monthToDate = BigDecimal.ZERO;
    for (LocalDate d = first.minusDays(AnomalyRule.WINDOW); !d.isAfter(today); d = d.plusDays(1)) {
      BigDecimal amount = perDay.getOrDefault(d, BigDecimal.ZERO);
      if (!d.isBefore(first)) {
        monthToDate = monthToDate.add(amount);
        daily.add(
            new DailyCost(
                d,
                amount,
                // AWS revises the newest days; the last two are estimates whatever it says.
                estimated.getOrDefault(d, false) || d.isAfter(today.minusDays(2)),
                rule.isAnomaly(amount, history)));
      }
      history.add(amount);
    }

    Map<String, BigDecimal> largestFirst = new java.util.LinkedHashMap<>();
    byService.entrySet().stream()
        .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
        .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
    BigDecimal mtd = monthToDate;
    return new CostSummary(
        environment,
        mtd,
        forecast.flatMap(Forecast::restOfMonth).map(mtd::add),
        forecast.flatMap(Forecast::error),
        budget,
        lastMonth,
        daily,
        byCategory,
        largestFirst,
        asOf);
  }
}
