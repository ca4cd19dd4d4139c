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

  /**
   * The derivations whose inputs the fetched series hold: the hit ratio over every cache node's
   * {@code cache.<node>.hits} and {@code .misses}, the API's {@code api.5xx} over {@code
   * api.requests}, the database's {@code rds.free_storage} over its allocated storage.
   */
  static List<Derivation> of(Environment env, List<Series> fetched) {
    String e = env.name();
    List<String> hits = ids(fetched, "cache.", ".hits");
    List<String> misses = ids(fetched, "cache.", ".misses");
    int n = hits.size();
    double allocatedBytes = env.allocatedStorageGb() * BYTES_PER_GB;

    List<Derivation> derived = new ArrayList<>();
    if (n > 0 && misses.size() == n) {
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
    }
    if (has(fetched, "api.5xx") && has(fetched, "api.requests")) {
      derived.add(
          new Derivation(
              derived(e, "api.5xx_ratio", "API 5xx rate", Unit.PERCENT),
              List.of("api.5xx", "api.requests"),
              v -> v[1] == 0 ? Double.NaN : 100 * v[0] / v[1]));
    }
    if (has(fetched, "rds.free_storage")) {
      derived.add(
          new Derivation(
              derived(e, "rds.free_storage_ratio", "DB free storage", Unit.PERCENT),
              List.of("rds.free_storage"),
              v -> 100 * v[0] / allocatedBytes));
    }
    return derived;
  }

  private static List<String> ids(List<Series> fetched, String prefix, String suffix) {
    return fetched.stream()
        .map(Series::id)
        .filter(id -> id.startsWith(prefix) && id.endsWith(suffix))
        .toList();
  }

  private static boolean has(List<Series> fetched, String id) {
    return fetched.stream().anyMatch(s -> s.id().equals(id));
  }

  private static Series derived(String env, String id, String title, Unit unit) {
    return new Series(id, env, title, unit, Optional.empty(), Duration.ZERO);
  }
}
