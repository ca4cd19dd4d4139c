package io.stackwatch.series;

import io.quarkus.arc.All;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The series plan of every environment of the catalog, built once at start-up: of the series the
 * stack offers ({@link StackSeries}), those the alarm rules and dashboards read. A series an alarm
 * reads is fetched every poll, one only panels show at the slow refresh, any other not at all; a
 * derived series brings its inputs at its own refresh.
 */
@Singleton
public class SeriesPlans {

  private final Map<String, SeriesPlan> plans = new LinkedHashMap<>();

  /** Every series the stack offers, at the refresh {@link StackSeries} gives it. */
  public SeriesPlans(Catalog catalog, SeriesCadence cadence) {
    for (SeriesPlan plan : offered(catalog, cadence)) {
      plans.put(plan.environment(), plan);
    }
  }

  /** The series the readers read, at the refresh the most demanding of them needs. */
  @Inject
  public SeriesPlans(Catalog catalog, SeriesCadence cadence, @All List<SeriesUse> uses) {
    for (Environment env : catalog.environments()) {
      SeriesPlan offered = stack(cadence).of(env);
      Map<String, Duration> refresh = new HashMap<>();
      for (SeriesUse use : uses) {
        Duration r = use.everyPoll() ? cadence.poll() : cadence.slow();
        for (String id : use.seriesIds(env, offered)) {
          need(offered, id, r, refresh);
        }
      }
      plans.put(env.name(), narrow(offered, refresh));
    }
  }

  /** What every environment of the catalog offers, before readers choose. */
  public static List<SeriesPlan> offered(Catalog catalog, SeriesCadence cadence) {
    StackSeries stack = stack(cadence);
    return catalog.environments().stream().map(stack::of).toList();
  }

  private static StackSeries stack(SeriesCadence cadence) {
    return new StackSeries(cadence.poll(), cadence.slow());
  }

  /** Records the fastest refresh asked of a series, and of a derived series' inputs. */
  private static void need(
      SeriesPlan offered, String id, Duration r, Map<String, Duration> refresh) {
    refresh.merge(id, r, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    for (Derivation d : offered.derived()) {
      if (d.series().id().equals(id)) {
        d.inputs().forEach(input -> need(offered, input, r, refresh));
      }
    }
  }

  private static SeriesPlan narrow(SeriesPlan offered, Map<String, Duration> refresh) {
    Set<String> used = refresh.keySet();
    List<Series> fetched =
        offered.fetched().stream()
            .filter(s -> used.contains(s.id()))
            .map(
                s ->
                    new Series(
                        s.id(),
                        s.environment(),
                        s.title(),
                        s.unit(),
                        s.stat(),
                        refresh.get(s.id())))
            .toList();
    List<Derivation> derived =
        offered.derived().stream().filter(d -> used.contains(d.series().id())).toList();
    // Recorded series cost no call: stackwatch records them whoever reads them.
    return new SeriesPlan(offered.environment(), fetched, derived, offered.recorded());
  }

  public List<SeriesPlan> all() {
    return List.copyOf(plans.values());
  }

  public Optional<SeriesPlan> of(String environment) {
    return Optional.ofNullable(plans.get(environment));
  }
}
