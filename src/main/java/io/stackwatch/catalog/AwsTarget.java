package io.stackwatch.catalog;

import java.util.Optional;

/**
 * An account and region as reached with one set of credentials. Environments with the same target
 * share AWS clients and GetMetricData batches.
 */
public record AwsTarget(String region, Optional<String> roleArn, Optional<String> externalId) {

  @Override
  public String toString() {
    return region + roleArn.map(r -> " as " + r).orElse("");
  }
}
