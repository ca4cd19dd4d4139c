package io.stackwatch.series;

import java.util.List;
import java.util.Map;
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
 * @param readers by fetched series id, the reader whose need sets its refresh ({@code alarm rules},
 *     {@code panels}); empty for what is offered before any reader chose
 */
public record SeriesPlan(
    String environment,
    List<Series> fetched,
    List<Derivation> derived,
    List<Series> recorded,
    Map<String, String> readers) {

  public SeriesPlan {
    fetched = List.copyOf(fetched);
    derived = List.copyOf(derived);
    recorded = List.copyOf(recorded);
    readers = Map.copyOf(readers);
  }

  /** What an environment offers, before any reader chose. */
  public SeriesPlan(
      String environment, List<Series> fetched, List<Derivation> derived, List<Series> recorded) {
    this(environment, fetched, derived, recorded, Map.of());
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
