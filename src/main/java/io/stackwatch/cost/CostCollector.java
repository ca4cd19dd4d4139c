package io.stackwatch.cost;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks Cost Explorer, rarely: this month's daily costs by environment tag and service once per
 * refresh (8 hours by default), last month's once, each environment's forecast once per forecast
 * refresh (a day), and never more than the daily cap of requests: every HTTP request counts, pages
 * and retries included, as AWS bills them, and none is sent past the cap. Every answer is stored
 * before it is used, so a restart asks nothing again. A failed request leaves the last answer in
 * place and says why.
 */
@Singleton
public class CostCollector {

  private static final Logger LOG = Logger.getLogger(CostCollector.class);

  private final Catalog catalog;
  private final CostSource source;
  private final CostStore log;
  private final Costs costs;
  private final CostConfig config;
  private final Clock clock;

  public CostCollector(
      Catalog catalog,
      CostSource source,
      CostStore log,
      Costs costs,
      CostConfig config,
      Clock clock) {
    this.catalog = catalog;
    this.source = source;
    this.log = log;
    this.costs = costs;
    this.config = config;
    this.clock = clock;
  }

  /** Asks what is due and the cap allows; returns what it asked and what failed. */
  public Refresh refresh() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Budget budget = new Budget(config.maxRequestsPerDay() - log.requestsSince(startOf(today)));
    YearMonth month = YearMonth.from(today);
    List<String> asked = new ArrayList<>();
    // Month-to-date failures make the costs stale; a failed forecast only lacks its forecast.
    List<String> failures = new ArrayList<>();
    List<String> forecastFailures = new ArrayList<>();

    YearMonth previous = month.minusMonths(1);
    // Last month serves the comparison, per service, and the anomaly window: asked once.
    if (log.fetchedAt(CostStore.monthKind(previous)).isEmpty()) {
      ask(previous.atDay(1), month.atDay(1), previous, budget, now, asked, failures);
    }
    if (isDue(log.fetchedAt(CostStore.monthKind(month)), config.refresh(), now)) {
      ask(month.atDay(1), today.plusDays(1), month, budget, now, asked, failures);
    }
    LocalDate tomorrow = today.plusDays(1);
    LocalDate nextMonth = month.plusMonths(1).atDay(1);
    for (Environment env : catalog.environments()) {
      Optional<Forecast> last = Optional.ofNullable(log.forecasts().get(env.name()));
      boolean due =
          last.isEmpty()
              || isDue(last.map(Forecast::asOf), config.forecastRefresh(), now)
              || (last.get().error().isPresent()
                  && isDue(last.map(Forecast::asOf), config.refresh(), now));
      if (!due) {
        continue;
      }
      if (!tomorrow.isBefore(nextMonth)) {
        // The last day of the month: nothing is left to forecast.
        log.saveForecast(env.name(), Forecast.of(BigDecimal.ZERO, now));
        continue;
      }
      if (!budget.allows()) {
        break;
      }
      String operation = "GetCostForecast " + env.name();
      try {
        CostSource.Forecasted rest =
            source.forecast(
                target(),
                tomorrow,
                nextMonth,
                config.tagKey(),
                env.name(),
                config.metric(),
                budget.left());
        budget.spend(rest.requests());
        log.countRequests(now, operation, rest.requests());
        log.saveForecast(env.name(), Forecast.of(rest.amount(), now));
        asked.add("forecast " + env.name());
      } catch (CostSource.Failure e) {
        budget.spend(e.requests());
        log.countRequests(now, operation, e.requests());
        LOG.warnf("GetCostForecast for %s failed: %s", env.name(), e.getMessage());
        log.saveForecast(env.name(), Forecast.failed(e.getMessage(), now));
        forecastFailures.add("forecast " + env.name() + ": " + e.getMessage());
      }
    }
    costs.reload(failures.stream().findFirst());
    failures.addAll(forecastFailures);
    return new Refresh(asked, failures, budget.left());
  }

  /**
   * Asks one month's costs if the cap leaves room for as many pages as its last answer took, and
   * never lets it take more than the room left.
   */
  private void ask(
      LocalDate from,
      LocalDate to,
      YearMonth month,
      Budget budget,
      Instant now,
      List<String> asked,
      List<String> failures) {
    String kind = CostStore.monthKind(month);
    String operation = "GetCostAndUsage " + kind;
    if (budget.left() < log.lastRequests(operation).orElse(1)) {
      return;
    }
    try {
      CostSource.Answer answer =
          source.costs(target(), from, to, config.tagKey(), config.metric(), budget.left());
      budget.spend(answer.requests());
      log.countRequests(now, operation, answer.requests());
      log.replace(from, to, answer.lines(), kind, now);
      asked.add(kind);
    } catch (CostSource.Failure e) {
      // Refused or cut short, the requests made still count against the cap: AWS may bill them.
      budget.spend(e.requests());
      log.countRequests(now, operation, e.requests());
      LOG.warnf("GetCostAndUsage for %s failed: %s", kind, e.getMessage());
      failures.add(kind + ": " + e.getMessage());
    }
  }

  private AwsTarget target() {
    // Cost Explorer answers in us-east-1, for the whole organisation of the paying account.
    return new AwsTarget("us-east-1", config.roleArn(), Optional.empty());
  }

  private static boolean isDue(Optional<Instant> last, Duration every, Instant now) {
    return last.isEmpty() || !now.isBefore(last.get().plus(every));
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Requests left today. */
  private static final class Budget {
    private int left;

    Budget(int left) {
      this.left = left;
    }

    boolean allows() {
      return left > 0;
    }

    void spend(int requests) {
      left -= requests;
    }

    int left() {
      return Math.max(0, left);
    }
  }

  /**
   * What one refresh did.
   *
   * @param asked what was asked: {@code month:2026-11}, {@code forecast prod}
   * @param failures what failed, and why
   * @param requestsLeftToday requests the cap still allows today
   */
  public record Refresh(List<String> asked, List<String> failures, int requestsLeftToday) {}
}
