package io.stackwatch.series;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What stackwatch watches in one environment: the series it fetches, those it derives from them,
 * and those it records from other sources (such as Cost Explorer) under a {@code stackwatch/}
 * namespace, so alarm rules can read them like CloudWatch metrics.
 *
 * @param environment environment name
 * @param fetched series fetched from CloudWatch
 * @param derived series computed from fetched ones
 * @param recorded series stackwatch records itself, never fetched
 */
public record SeriesPlan(
    String environment, List<Series> fetched, List<Derivation> derived, List<Series> recorded) {

  public SeriesPlan {
    fetched = List.copyOf(fetched);
    derived = List.copyOf(derived);
    recorded = List.copyOf(recorded);
  }

  /** Every series, in display order. */
  public List<Series> all() {
    return Stream.of(fetched.stream(), derived.stream().map(Derivation::series), recorded.stream())
        .flatMap(s -> s)
        .toList();
  }

  /** Series with a metric statistic, fetched or recorded: what metric alarm rules match. */
  public List<Series> metrics() {
    return Stream.concat(fetched.stream(), recorded.stream()).toList();
  }

  public Optional<Series> find(String id) {
    return all().stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
