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

  /** An IAM role ARN: partition, 12-digit account, role path and name. */
  private static final java.util.regex.Pattern ROLE_ARN =
      java.util.regex.Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private static final java.util.regex.Pattern REGION =
      java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  /**
   * Builds the catalog from configuration, ordered as {@code stackwatch.order} says.
   *
   * @throws IllegalArgumentException naming every key that is wrong and what to write instead
   */
  public static Catalog from(CatalogConfig config) {
    List<String> problems = new ArrayList<>();
    config
        .environments()
        .forEach(
            (name, c) -> {
              String key = "stackwatch.environments." + name + ".";
              if (!REGION.matcher(c.region()).matches()) {
                problems.add(
                    key
                        + "region: '"
                        + c.region()
                        + "' is not an AWS region code; write one such as us-east-1 or"
                        + " eu-west-2");
              }
              c.roleArn()
                  .filter(arn -> !ROLE_ARN.matcher(arn).matches())
                  .ifPresent(
                      arn ->
                          problems.add(
                              key
                                  + "role-arn: '"
                                  + arn
                                  + "' is not an IAM role ARN; write"
                                  + " arn:aws:iam::<12-digit account>:role/<name>"));
            });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "application.yaml (or its environment variables): " + String.join("; ", problems));
    }
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
