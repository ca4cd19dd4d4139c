package io.stackwatch.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The watched environments in display order. Built once from configuration. */
public final class Catalog {

  private final List<Environment> environments;
  private final Map<String, Environment> byName;

  public Catalog(List<Environment> environments) {
    this.environments = List.copyOf(environments);
    this.byName =
        this.environments.stream()
            .collect(Collectors.toMap(Environment::name, Function.identity()));
  }

  /** Builds the catalog from configuration, ordered as {@code stackwatch.order} says. */
  public static Catalog from(CatalogConfig config) {
    List<Environment> envs = new ArrayList<>();
    config
        .environments()
        .forEach(
            (name, c) ->
                envs.add(
                    new Environment(
                        name,
                        c.region(),
                        c.roleArn(),
                        c.externalId(),
                        c.monthlyBudget(),
                        c.allocatedStorageGb(),
                        ResourceNames.resolve(name, c.resources()))));
    List<String> order = config.order();
    envs.sort(
        Comparator.comparingInt(
                (Environment e) ->
                    order.contains(e.name()) ? order.indexOf(e.name()) : order.size())
            .thenComparing(Environment::name));
    return new Catalog(envs);
  }

  public List<Environment> environments() {
    return environments;
  }

  public Optional<Environment> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}
