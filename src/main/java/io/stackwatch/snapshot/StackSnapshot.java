package io.stackwatch.snapshot;

import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.MaintenanceItem;
import io.stackwatch.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The read model: every environment as the last poll left it, published whole, once per poll (and
 * after a cost refresh, a sign-off, an acknowledgement, a rule reload or a follower's sync). Pages,
 * the JSON API, {@code /q/metrics} and the digest read only this (charts also read the stored
 * history), so a reader never mixes one poll's numbers with another's alarm states, and never calls
 * AWS.
 *
 * @param asOf when the poll it shows ended; {@link Instant#EPOCH} before the first
 * @param pollInterval time between polls, for a live page's refresh
 * @param environments in the catalog's display order
 * @param global the chores done once for all environments; empty while the store cannot be read
 * @param cost what Cost Explorer last answered beyond each environment's own summary
 */
public record StackSnapshot(
    Instant asOf,
    Duration pollInterval,
    List<EnvironmentState> environments,
    Optional<List<ItemStatus>> global,
    CostReport cost) {

  public Optional<EnvironmentState> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Every alarm: worst state first, then in catalog order (prod first), then worst first. */
  public List<AlarmReading> alarms() {
    List<String> order = environments.stream().map(EnvironmentState::name).toList();
    return environments.stream()
        .flatMap(e -> e.alarms().stream())
        .sorted(
            Comparator.comparingInt((AlarmReading a) -> AlarmStatus.rank(a.state()))
                .thenComparingInt(a -> order.indexOf(a.status().instance().environment()))
                .thenComparing(AlarmReading::status, AlarmStatus.WORST_FIRST))
        .toList();
  }

  /** An alarm of an environment by its id. */
  public Optional<AlarmReading> alarm(String environment, String id) {
    return environment(environment)
        .flatMap(
            e ->
                e.alarms().stream().filter(a -> a.status().instance().id().equals(id)).findFirst());
  }

  /** How soon a page with no polled data yet asks again. */
  static final Duration NO_DATA_YET = Duration.ofSeconds(1);

  /** How long after a poll is due a page asks for its numbers: the poll's own time. */
  static final Duration AFTER_DUE = Duration.ofSeconds(2);

  /**
   * When a live page should ask for its numbers again: just after the next poll is due (the last
   * poll's start and the interval); within a second while nothing was polled yet; every couple of
   * seconds while a due poll is running; at the poll interval when polls have stopped coming (the
   * page shows them stale).
   */
  public Duration refreshAfter(Instant now) {
    Optional<Instant> lastPoll =
        environments.stream()
            .map(e -> e.poll().lastAttempt())
            .flatMap(Optional::stream)
            .max(Instant::compareTo);
    if (lastPoll.isEmpty()) {
      return NO_DATA_YET;
    }
    Instant due = lastPoll.get().plus(pollInterval);
    Duration untilDue = Duration.between(now, due.plus(AFTER_DUE));
    if (untilDue.compareTo(AFTER_DUE) >= 0) {
      return untilDue;
    }
    return now.isBefore(due.plus(pollInterval)) ? AFTER_DUE : pollInterval;
  }

  /** The names maintenance is tracked under: the environments, then {@code global}. */
  public List<String> maintenanceScopes() {
    List<String> scopes =
        new java.util.ArrayList<>(environments.stream().map(EnvironmentState::name).toList());
    scopes.add(MaintenanceItem.GLOBAL);
    return scopes;
  }

  /**
   * The chores of one of the {@link #maintenanceScopes()}.
   *
   * @throws StoreUnavailableException when the store could not be read for this snapshot
   * @throws java.util.NoSuchElementException for an unknown scope
   */
  public List<ItemStatus> maintenance(String scope) {
    Optional<List<ItemStatus>> chores =
        scope.equals(MaintenanceItem.GLOBAL)
            ? global
            : environment(scope).orElseThrow().maintenance();
    return chores.orElseThrow(
        () ->
            new StoreUnavailableException(
                "The store is unavailable: the maintenance schedule could not be read", null));
  }
}
