package io.stackwatch.maintenance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The maintenance schedule: every chore, and how long after its due date each cadence's chores
 * become overdue.
 */
public record Checklist(List<MaintenanceItem> items, Map<Cadence, Duration> grace) {

  public Checklist {
    items = List.copyOf(items);
    Map<Cadence, Duration> all = new EnumMap<>(Cadence.class);
    for (Cadence c : Cadence.values()) {
      all.put(c, grace.getOrDefault(c, c.defaultGrace()));
    }
    grace = Map.copyOf(all);
  }

  public Duration grace(Cadence cadence) {
    return grace.get(cadence);
  }

  public Optional<MaintenanceItem> find(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The chores tracked for an environment, or for {@link MaintenanceItem#GLOBAL}. */
  public List<MaintenanceItem> itemsOf(String environment) {
    return items.stream().filter(i -> i.appliesTo(environment)).toList();
  }
}
