package io.stackwatch.cost;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored Cost Explorer answers, summarised per environment for pages, the JSON API and
 * Prometheus. Reloaded after each refresh; never asks AWS.
 */
@Singleton
public class Costs {

  private final Catalog catalog;
  private final CostStore log;
  private final CostConfig config;
  private final Clock clock;
  private volatile Snapshot snapshot;

  public Costs(Catalog catalog, CostStore log, CostConfig config, Clock clock) {
    this.catalog = catalog;
    this.log = log;
    this.config = config;
    this.clock = clock;
    reload(Optional.empty());
  }

  /** The stored answers as of now, with the last refresh's failure, if any. */
  void reload(Optional<String> error) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate from = today.withDayOfMonth(1).minusMonths(1);
    snapshot =
        new Snapshot(
            log.lines(from),
            log.forecasts(),
            log.fetchedAt(CostStore.monthKind(java.time.YearMonth.from(today))),
            error,
            log.requestsSince(today.atStartOfDay(ZoneOffset.UTC).toInstant()));
  }

  /** Reads the stored answers again, as another instance may have refreshed them. */
  public void reloadStored() {
    reload(snapshot.error());
  }

  /**
   * Every environment's summary, in catalog order, then the spend no environment is tagged with.
   */
  public List<CostSummary> summaries() {
    List<CostSummary> out = new ArrayList<>();
    for (Environment e : catalog.environments()) {
      out.add(summary(e.name(), Optional.of(e.monthlyBudget())));
    }
    out.add(summary(CostLine.UNATTRIBUTED, Optional.empty()));
    return out;
  }

  public Optional<CostSummary> summary(String environment) {
    return catalog.find(environment).map(e -> summary(e.name(), Optional.of(e.monthlyBudget())));
  }

  private CostSummary summary(String environment, Optional<java.math.BigDecimal> budget) {
    Snapshot s = snapshot;
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return CostSummary.of(
        environment,
        budget,
        today,
        s.lines(),
        Optional.ofNullable(s.forecasts().get(environment)),
        new AnomalyRule(config.anomalySigmas(), config.anomalyRatio()),
        s.asOf().orElse(Instant.EPOCH));
  }

  /** When month-to-date costs were last asked, if ever. */
  public Optional<Instant> asOf() {
    return snapshot.asOf();
  }

  /** Why the last refresh failed, if it did. */
  public Optional<String> error() {
    return snapshot.error();
  }

  /** Cost Explorer requests made today, pages included. */
  public int requestsToday() {
    return snapshot.requestsToday();
  }

  /** The stored answers; their summaries are cached on first use each day. */
  private static final class Snapshot {
    private final List<CostLine> lines;
    private final Map<String, Forecast> forecasts;
    private final Optional<Instant> asOf;
    private final Optional<String> error;
    private final int requestsToday;
    private volatile Summaries summaries;

    Snapshot(
        List<CostLine> lines,
        Map<String, Forecast> forecasts,
        Optional<Instant> asOf,
        Optional<String> error,
        int requestsToday) {
      this.lines = lines;
      this.forecasts = forecasts;
      this.asOf = asOf;
      this.error = error;
      this.requestsToday = requestsToday;
    }

    List<CostLine> lines() {
      return lines;
    }

    Map<String, Forecast> forecasts() {
      return forecasts;
    }

    Optional<Instant> asOf() {
      return asOf;
    }

    Optional<String> error() {
      return error;
    }

    int requestsToday() {
      return requestsToday;
    }

    Summaries summaries() {
      return summaries;
    }

    void cache(Summaries s) {
      summaries = s;
    }
  }

  private record Summaries(LocalDate day, List<CostSummary> list) {}
}
