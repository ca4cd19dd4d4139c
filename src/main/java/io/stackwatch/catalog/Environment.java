package io.stackwatch.catalog;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One watched environment of the stack: where it lives, how to reach it and what it holds.
 *
 * @param name short name, such as {@code prod}
 * @param region AWS region
 * @param roleArn role assumed to read it, or empty for the default credential chain
 * @param externalId external id for the role's trust policy; a secret, never shown
 * @param monthlyBudget budget in US dollars per month
 * @param allocatedStorageGb allocated storage of the RDS instance in GB
 * @param resources its resources, names resolved
 */
public record Environment(
    String name,
    String region,
    Optional<String> roleArn,
    Optional<String> externalId,
    BigDecimal monthlyBudget,
    int allocatedStorageGb,
    Resources resources) {

  /** Whom AWS calls for this environment go to: environments sharing an account share calls. */
  public AwsTarget target() {
    return new AwsTarget(region, roleArn, externalId);
  }

  @Override
  public String toString() {
    return "Environment[" + name + ", " + region + "]";
  }
}
