package io.stackwatch.snapshot;

import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.WatchingCost;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Cost Explorer last answered, beyond each environment's own summary.
 *
 * @param asOf when month-to-date costs were last asked; empty before Cost Explorer first answered
 * @param error why the last refresh failed, if it did
 * @param requestsToday Cost Explorer requests made today (UTC), pages included
 * @param summaries every environment's summary in catalog order, then the spend no environment is
 *     tagged with
 * @param watching what watching costs per month at the configured cadences and list prices
 */
public record CostReport(
    Optional<Instant> asOf,
    Optional<String> error,
    int requestsToday,
    List<CostSummary> summaries,
    WatchingCost watching) {}
