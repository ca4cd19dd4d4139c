package io.stackwatch.cloudwatch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What stackwatch watches in one environment: the series it fetches and those it derives.
 *
 * @param environment environment name
 * @param fetched series fetched from CloudWatch
 * @param derived series computed from fetched ones
 */
public record SeriesPlan(String environment, List<Series> fetched, List<Derivation> derived) {

  public SeriesPlan {
    fetched = List.copyOf(fetched);
    derived = List.copyOf(derived);
  }

  /** Fetched and derived series together, in display order. */
  public List<Series> all() {
    return Stream.concat(fetched.stream(), derived.stream().map(Derivation::series)).toList();
  }

  public Optional<Series> find(String id) {
    return all().stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
