package io.stackwatch.web.page;

import io.stackwatch.catalog.Inventory;
import io.stackwatch.catalog.Resource;
import io.stackwatch.web.chart.Display;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The resources page of one environment: every resource watched, its dimensions, and whether
 * configuration, a tag or the naming convention named it.
 *
 * @param found when discovery last ran, in words
 * @param problem what discovery could not do, empty when nothing
 */
record ResourcesView(String name, String found, String problem, List<Row> resources) {

  /** One resource as listed. */
  record Row(String kind, String name, String dimensions, String foundBy) {}

  static ResourcesView of(Inventory inventory, Instant now) {
    return new ResourcesView(
        inventory.environment(),
        inventory
            .foundAt()
            .map(t -> "Found by tag " + Display.age(t, now) + ".")
            .orElse("Not searched by tag yet: configuration and the naming convention name them."),
        inventory.problem().orElse(""),
        inventory.resources().stream().map(ResourcesView::row).toList());
  }

  private static Row row(Resource r) {
    return new Row(
        r.kind().yamlName(),
        r.name(),
        r.dimensions().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")),
        r.origin().yamlName());
  }
}
