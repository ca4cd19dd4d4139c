package io.stackwatch.cloudwatch;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The series plan of every environment of the catalog, built once at start-up. */
@Singleton
public class SeriesPlans {

  private final Map<String, SeriesPlan> plans = new LinkedHashMap<>();

  public SeriesPlans(Catalog catalog, PollConfig poll) {
    StackSeries stack = new StackSeries(poll.interval(), poll.slowInterval());
    for (Environment env : catalog.environments()) {
      plans.put(env.name(), stack.of(env));
    }
  }

  public List<SeriesPlan> all() {
    return List.copyOf(plans.values());
  }

  public Optional<SeriesPlan> of(String environment) {
    return Optional.ofNullable(plans.get(environment));
  }
}
