package io.stackwatch.catalog;

import java.util.Map;

/**
 * One resource of an environment: its kind, its short name, the values of the dimensions that name
 * it in CloudWatch, and how stackwatch found it.
 *
 * @param kind what it is
 * @param name its short name, such as {@code acme-orders-db-7}, {@code edge-lb} or a node id
 * @param dimensions the values of {@link ResourceKind#dimensions()}, in that order
 * @param origin how it was found
 */
public record Resource(
    ResourceKind kind, String name, Map<String, String> dimensions, Origin origin) {

  public Resource {
    dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
  }

  /** How a resource was found. Configuration wins over tags, tags over the naming convention. */
  public enum Origin {
    /** Named in stackwatch's configuration. */
    CONFIGURATION,
    /** Tagged with the environment's name (Resource Groups Tagging API). */
    TAG,
    /** Named as the seed's naming convention names it. */
    CONVENTION;

    public String yamlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
