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
 * @param comparison this month's priced days against the same days of last month, if any day of
 *     this month is priced
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
    Optional<Comparison> comparison,
    List<DailyCost> daily,
    Map<Category, BigDecimal> byCategory,
    Map<String, BigDecimal> byService,
    Instant asOf) {

  /**
   * One day's spend.
   *
   * @param day the day
   * @param amount US dollars
   * @param priced how far Cost Explorer has priced the day
   * @param anomaly above its trailing mean by the anomaly rule
   */
  public record DailyCost(LocalDate day, BigDecimal amount, Priced priced, boolean anomaly) {

    /** Whether AWS may still change the amount: today and the estimated days. */
    public boolean estimated() {
      return priced != Priced.FINAL;
    }
  }

  /**
   * How far Cost Explorer has priced a day. It has no amount for the current UTC day yet (or a
   * partial one); it marks the two days before {@code Estimated} while usage records still arrive,
   * and revises them about three times a day; older days are final (or whatever it says).
   */
  public enum Priced {
    /** Today: not priced yet. */
    NOT_YET,
    /** Priced, still revised. */
    ESTIMATED,
    /** Final. */
    FINAL
  }

  /** Days before today that AWS still revises, whatever its answers say. */
  static final int ESTIMATED_DAYS = 2;

  /**
   * This month's priced days against the same days of last month, so flat spend reads as 0 %: today
   * is left out on both sides (Cost Explorer has not priced it), and when last month is shorter the
   * days past its end are left out too.
   *
   * @param from the first day compared, the 1st
   * @param to the last day compared, yesterday at most
   * @param thisPeriod spend from {@code from} to {@code to}
   * @param lastPeriod spend over the same days of last month
   * @param byService per AWS service, the largest change in dollars first (up or down)
   */
  public record Comparison(
      LocalDate from,
      LocalDate to,
      BigDecimal thisPeriod,
      BigDecimal lastPeriod,
      List<ServiceChange> byService) {

    /** The same days of last month. */
    public LocalDate lastFrom() {
      return from.minusMonths(1);
    }

    /** The last of the same days of last month. */
    public LocalDate lastTo() {
      return lastFrom().plusDays(to.getDayOfMonth() - 1);
    }

    /** Change in percent; empty when last month spent nothing on those days. */
    public Optional<Double> changePercent() {
      return percent(thisPeriod, lastPeriod);
    }
  }

  /**
   * One service's spend over the compared days.
   *
   * @param service the AWS service, as Cost Explorer names it
   * @param thisPeriod this month's compared days
   * @param lastPeriod last month's same days
   */
  public record ServiceChange(String service, BigDecimal thisPeriod, BigDecimal lastPeriod) {

    /** Change in dollars. */
    public BigDecimal change() {
      return thisPeriod.subtract(lastPeriod);
    }

    /** Change in percent; empty for a service new this month. */
    public Optional<Double> changePercent() {
      return percent(thisPeriod, lastPeriod);
    }
  }

  static Optional<Double> percent(BigDecimal now, BigDecimal before) {
    if (before.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        now.subtract(before)
            .multiply(BigDecimal.valueOf(100))
            .divide(before, 1, RoundingMode.HALF_UP)
            .doubleValue());
  }

  /** Whether the forecast for the month exceeds the budget. */
  public boolean forecastOverBudget() {
    return forecastMonth.isPresent()
        && budget.isPresent()
        && forecastMonth.get().compareTo(budget.get()) > 0;
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
    // Priced days of this month, no more than last month has.
    int compared = Math.min(today.getDayOfMonth() - 1, lastMonthFirst.lengthOfMonth());

    Map<LocalDate, BigDecimal> perDay = new TreeMap<>();
    Map<LocalDate, Boolean> estimated = new TreeMap<>();
    Map<Category, BigDecimal> byCategory = new EnumMap<>(Category.class);
    Map<String, BigDecimal> byService = new TreeMap<>();
    Map<String, BigDecimal[]> periods = new TreeMap<>();
    boolean lastMonthAnswered = false;
    for (CostLine l : lines) {
      if (!l.environment().equals(environment)) {
        continue;
      }
      perDay.merge(l.day(), l.amount(), BigDecimal::add);
      estimated.merge(l.day(), l.estimated(), Boolean::logicalOr);
      boolean thisMonth = !l.day().isBefore(first) && !l.day().isAfter(today);
      if (thisMonth) {
        byCategory.merge(Category.of(l.service()), l.amount(), BigDecimal::add);
        byService.merge(l.service(), l.amount(), BigDecimal::add);
      }
      boolean lastMonth = !l.day().isBefore(lastMonthFirst) && l.day().isBefore(first);
      lastMonthAnswered |= lastMonth && l.day().getDayOfMonth() <= compared;
      if ((thisMonth || lastMonth) && l.day().getDayOfMonth() <= compared) {
        BigDecimal[] both =
            periods.computeIfAbsent(
                l.service(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        int side = thisMonth ? 0 : 1;
        both[side] = both[side].add(l.amount());
      }
    }
    Optional<Comparison> comparison = Optional.empty();
    // Without any answer for last month's days there is nothing to compare with, not $0.
    if (compared > 0 && lastMonthAnswered) {
      List<ServiceChange> changes =
          periods.entrySet().stream()
              .map(e -> new ServiceChange(e.getKey(), e.getValue()[0], e.getValue()[1]))
              .sorted(
                  java.util.Comparator.comparing((ServiceChange c) -> c.change().abs())
                      .reversed()
                      .thenComparing(ServiceChange::service))
              .toList();
      comparison =
          Optional.of(
              new Comparison(
                  first,
                  first.plusDays(compared - 1),
                  changes.stream()
                      .map(ServiceChange::thisPeriod)
                      .reduce(BigDecimal.ZERO, BigDecimal::add),
                  changes.stream()
                      .map(ServiceChange::lastPeriod)
                      .reduce(BigDecimal.ZERO, BigDecimal::add),
                  changes));
    }

    // The days Cost Explorer reported, oldest first: a day it never reported (a new account, a tag
    // activated lately) is absent from an anomaly's baseline, not $0.
    List<BigDecimal> history = new ArrayList<>();
    List<DailyCost> daily = new ArrayList<>();
    BigDecimal monthToDate = BigDecimal.ZERO;
    for (LocalDate d = lastMonthFirst; !d.isAfter(today); d = d.plusDays(1)) {
      boolean reported = perDay.containsKey(d) && d.isBefore(today);
      BigDecimal amount = perDay.getOrDefault(d, BigDecimal.ZERO);
      if (!d.isBefore(first)) {
        monthToDate = monthToDate.add(amount);
        Priced priced =
            d.equals(today)
                ? Priced.NOT_YET
                : estimated.getOrDefault(d, false) || !d.isBefore(today.minusDays(ESTIMATED_DAYS))
                    ? Priced.ESTIMATED
                    : Priced.FINAL;
        daily.add(new DailyCost(d, amount, priced, reported && rule.isAnomaly(amount, history)));
      }
      if (reported) {
        history.add(amount);
      }
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
        comparison,
        daily,
        byCategory,
        largestFirst,
        asOf);
  }
}
