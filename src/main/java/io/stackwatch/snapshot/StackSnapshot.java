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
