package io.stackwatch.series;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The series plan of every environment: of the series its inventory offers (by the {@link
 * SeriesCatalog}), those the alarm rules and dashboards read, each fetched at the refresh of its
 * most demanding reader (an alarm's period, a panel's refresh, never faster than the poll), any
 * other not at all; a derived series brings its inputs at its own refresh. Built from configuration
 * and the naming convention at start-up, and again whenever discovery finds the inventory changed.
 */
public final class SeriesPlans {

  private final Catalog catalog;
  private final SeriesCatalog series;
  private final SeriesCadence cadence;
  private final List<SeriesUse> uses;
  private volatile Map<String, Inventory> inventories;
  private volatile Map<String, SeriesPlan> plans;

  /** The series the readers read, from each environment's configured and conventional names. */
  public SeriesPlans(
      Catalog catalog, SeriesCatalog series, SeriesCadence cadence, List<SeriesUse> uses) {
    this.catalog = catalog;
    this.series = series;
    this.cadence = cadence;
    this.uses = List.copyOf(uses);
    Map<String, Inventory> initial = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      initial.put(env.name(), env.resources().inventory(env.name()));
    }
    update(initial);
  }

  /** Every series each environment offers, each fetched every poll: no reader chooses. */
  public static SeriesPlans offered(Catalog catalog, SeriesCatalog series, SeriesCadence cadence) {
    return new SeriesPlans(catalog, series, cadence, List.of(new EveryPoll()));
  }

  /**
   * Plans again from new inventories; environments not given keep theirs.
   *
   * @return whether any environment's plan changed
   */
  public synchronized boolean update(Map<String, Inventory> found) {
    Map<String, Inventory> next = new LinkedHashMap<>();
    Map<String, SeriesPlan> planned = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      Inventory inventory =
          found.containsKey(env.name()) ? found.get(env.name()) : inventories.get(env.name());
      next.put(env.name(), inventory);
      planned.put(env.name(), plan(env, inventory));
    }
    boolean changed = plans == null || !signature(planned).equals(signature(plans));
    inventories = next;
    plans = planned;
    return changed;
  }

  /** What a plan fetches and derives, comparable (a derivation's formula is not). */
  private static Map<String, List<Object>> signature(Map<String, SeriesPlan> plans) {
    Map<String, List<Object>> out = new HashMap<>();
    plans.forEach(
        (env, p) ->
            out.put(
                env, List.of(p.fetched(), p.derived().stream().map(Derivation::inputs).toList())));
    return out;
  }

  private SeriesPlan plan(Environment env, Inventory inventory) {
    SeriesPlan offered = series.offered(env, inventory, cadence.poll());
    Map<String, Need> needs = new HashMap<>();
    for (SeriesUse use : uses) {
      use.refreshes(env, offered, cadence)
          .forEach(
              (id, r) -> need(offered, id, new Need(cadence.atMostPoll(r), use.name()), needs));
    }
    return narrow(offered, needs);
  }

  /**
   * The refresh a series is fetched at, and the reader that asks it.
   *
   * @param refresh the fastest refresh any reader asks
   * @param reader the reader asking it, such as {@code alarm rules}
   */
  private record Need(Duration refresh, String reader) {
    Need faster(Need other) {
      return other.refresh.compareTo(refresh) < 0 ? other : this;
    }
  }

  /** Records the fastest refresh asked of a series, and of a derived series' inputs. */
  private static void need(SeriesPlan offered, String id, Need n, Map<String, Need> needs) {
    needs.merge(id, n, Need::faster);
    for (Derivation d : offered.derived()) {
      if (d.series().id().equals(id)) {
        d.inputs().forEach(input -> need(offered, input, n, needs));
      }
    }
  }

  private static SeriesPlan narrow(SeriesPlan offered, Map<String, Need> needs) {
    Set<String> used = needs.keySet();
    Map<String, Duration> refresh = new HashMap<>();
    needs.forEach((id, n) -> refresh.put(id, n.refresh()));
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
                        refresh.get(s.id()),
                        s.kind()))
            .toList();
    // A derived series is as fresh as its slowest input: what its age is judged against.
    List<Derivation> derived =
        offered.derived().stream()
            .filter(d -> used.contains(d.series().id()))
            .map(d -> withRefresh(d, slowest(d, refresh)))
            .toList();
    // Recorded series cost no call: stackwatch records them whoever reads them.
    Map<String, String> readers = new HashMap<>();
    fetched.forEach(s -> readers.put(s.id(), needs.get(s.id()).reader()));
    return new SeriesPlan(offered.environment(), fetched, derived, offered.recorded(), readers);
  }

  private static Duration slowest(Derivation d, Map<String, Duration> refresh) {
    return d.inputs().stream()
        .map(refresh::get)
        .filter(java.util.Objects::nonNull)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  private static Derivation withRefresh(Derivation d, Duration refresh) {
    Series s = d.series();
    return new Derivation(
        new Series(s.id(), s.environment(), s.title(), s.unit(), s.stat(), refresh),
        d.inputs(),
        d.formula());
  }

  public List<SeriesPlan> all() {
    return List.copyOf(plans.values());
  }

  public Optional<SeriesPlan> of(String environment) {
    return Optional.ofNullable(plans.get(environment));
  }

  /** The resources an environment's plan was made from. */
  public Optional<Inventory> inventory(String environment) {
    return Optional.ofNullable(inventories.get(environment));
  }

  /** The catalog the plans expand. */
  public SeriesCatalog catalog() {
    return series;
  }

  /** A reader of every series, every poll. */
  private record EveryPoll() implements SeriesUse {
    @Override
    public String name() {
      return "every series";
    }

    @Override
    public Map<String, Duration> refreshes(
        Environment env, SeriesPlan offered, SeriesCadence cadence) {
      Map<String, Duration> ids = new HashMap<>();
      offered.all().forEach(s -> ids.put(s.id(), cadence.poll()));
      return ids;
    }
  }
}
