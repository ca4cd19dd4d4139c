package io.stackwatch.snapshot;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Category;
import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Verdict;
import io.stackwatch.store.Freshness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One environment as the last poll, cost refresh and sign-off left it: everything a page, the JSON
 * API, a scrape or the digest shows of it, computed once.
 *
 * @param environment the catalog's entry
 * @param inventory its resources, and how each was found
 * @param poll when it was last polled, and why that failed if it did
 * @param staleAfter how old its data may be before it is stale
 * @param skippedQueries queries CloudWatch refused on their own, each with the reason
 * @param alarms its alarms, worst first
 * @param series every series watched, with its newest point
 * @param keyNumbers the overview's panels, evaluated
 * @param cost month to date, forecast and budget; empty until Cost Explorer answered
 * @param maintenance its chores; empty while the store cannot be read
 * @param overdue its overdue chores and the global ones, oldest due first; empty while the store
 *     cannot be read
 */
public record EnvironmentState(
    Environment environment,
    Inventory inventory,
    Freshness.Status poll,
    Duration staleAfter,
    List<String> skippedQueries,
    List<AlarmReading> alarms,
    List<SeriesReading> series,
    List<KeyNumber> keyNumbers,
    Optional<CostSummary> cost,
    Optional<List<ItemStatus>> maintenance,
    Optional<List<ItemStatus>> overdue) {

  public String name() {
    return environment.name();
  }

  /**
   * The worst state of its health alarms; OK without any. Cost and maintenance alarms are not an
   * outage: they colour the cost and maintenance lines, not the health badge.
   */
  public AlarmState health() {
    return of(Category.HEALTH).stream().findFirst().map(AlarmReading::state).orElse(AlarmState.OK);
  }

  /** Its alarms of one category, worst first. */
  public List<AlarmReading> of(Category category) {
    return alarms.stream().filter(a -> a.status().instance().category() == category).toList();
  }

  /** Its alarms of one category that fire, worst first. */
  public List<AlarmReading> firing(Category category) {
    return of(category).stream().filter(a -> a.state() == AlarmState.ALARM).toList();
  }

  /**
   * Its chores whose latest automated check failed (a security group open to the world, a log group
   * kept too briefly, ...), in checklist order; empty while the store cannot be read.
   */
  public Optional<List<ItemStatus>> failingChecks() {
    return maintenance.map(
        m ->
            m.stream()
                .filter(s -> s.evidence().filter(e -> e.verdict() == Verdict.FAIL).isPresent())
                .toList());
  }

  /** How many of its alarms fire. */
  public long firing() {
    return count(AlarmState.ALARM);
  }

  public long count(AlarmState state) {
    return alarms.stream().filter(a -> a.state() == state).count();
  }

  /** Whether it has been polled successfully at least once. */
  public boolean polled() {
    return poll.lastSuccess().isPresent();
  }

  /** Stale when the last poll failed, none succeeded yet, or the last success is too old. */
  public boolean stale(Instant now) {
    return poll.lastError().isPresent()
        || poll.lastSuccess().isEmpty()
        || Duration.between(poll.lastSuccess().get(), now).compareTo(staleAfter) > 0;
  }
}
