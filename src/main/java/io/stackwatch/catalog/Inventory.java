package io.stackwatch.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The resources of one environment as last found: by tag, by configuration and by the naming
 * convention, one list in kind order.
 *
 * @param environment the environment's name
 * @param resources every resource, in kind order
 * @param foundAt when discovery last ran; empty for an inventory of configuration and convention
 *     only
 * @param problem why discovery could not ask AWS, if it could not: the inventory then keeps what
 *     was found before, or configuration and convention
 */
public record Inventory(
    String environment,
    List<Resource> resources,
    Optional<Instant> foundAt,
    Optional<String> problem) {

  public Inventory {
    resources = List.copyOf(resources);
  }

  /** The resources of one kind, in the order found. */
  public List<Resource> of(ResourceKind kind) {
    return resources.stream().filter(r -> r.kind() == kind).toList();
  }

  /** The first resource of a kind, for kinds an environment usually has one of. */
  public Optional<Resource> first(ResourceKind kind) {
    return resources.stream().filter(r -> r.kind() == kind).findFirst();
  }

  /** The short names of the resources of one kind. */
  public List<String> names(ResourceKind kind) {
    return of(kind).stream().map(Resource::name).toList();
  }
}
