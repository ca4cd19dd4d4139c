package io.stackwatch.series;

import io.stackwatch.catalog.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The derived series of the seed stack: cache hit ratio, API 5xx percentage, free storage. */
final class DerivedSeries {

  private static final double BYTES_PER_GB = 1024d * 1024 * 1024;

  private DerivedSeries() {}

  static List<Derivation> of(Environment env) {
    String e = env.name();
    List<String> nodes = env.resources().cacheNodes();
    List<String> hits = nodes.stream().map(n -> "cache." + n + ".hits").toList();
    List<String> misses = nodes.stream().map(n -> "cache." + n + ".misses").toList();
    int n = nodes.size();
    double allocatedBytes = env.allocatedStorageGb() * BYTES_PER_GB;

    List<Derivation> derived = new ArrayList<>();
    derived.add(
        new Derivation(
            derived(e, "cache.hit_ratio", "Cache hit ratio", Unit.PERCENT),
            Stream.concat(hits.stream(), misses.stream()).toList(),
            v -> {
              double h = 0;
              double total = 0;
              for (int i = 0; i < v.length; i++) {
                total += v[i];
                if (i < n) {
                  h += v[i];
                }
              }
              return total == 0 ? Double.NaN : 100 * h / total;
            }));
    derived.add(
        new Derivation(
            derived(e, "api.5xx_ratio", "API 5xx rate", Unit.PERCENT),
            List.of("api.5xx", "api.requests"),
            v -> v[1] == 0 ? Double.NaN : 100 * v[0] / v[1]));
    derived.add(
        new Derivation(
            derived(e, "rds.free_storage_ratio", "DB free storage", Unit.PERCENT),
            List.of("rds.free_storage"),
            v -> 100 * v[0] / allocatedBytes));
    return derived;
  }

  private static Series derived(String env, String id, String title, Unit unit) {
    return new Series(id, env, title, unit, Optional.empty(), Duration.ZERO);
  }
}
