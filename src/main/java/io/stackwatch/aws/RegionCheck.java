package io.stackwatch.aws;

import io.quarkus.runtime.Startup;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * Refuses at start-up an environment whose region AWS does not have (a typo such as {@code
 * us-east-7}), naming the key to fix: found now rather than as a failing poll at night.
 */
@Startup
@Singleton
public class RegionCheck {

  RegionCheck(Catalog catalog) {
    check(catalog);
  }

  /**
   * @throws IllegalArgumentException naming every environment whose region is unknown
   */
  public static void check(Catalog catalog) {
    List<String> known = Region.regions().stream().map(Region::id).sorted().toList();
    List<String> problems = new ArrayList<>();
    for (Environment e : catalog.environments()) {
      if (!known.contains(e.region())) {
        problems.add(
            "stackwatch.environments."
                + e.name()
                + ".region: '"
                + e.region()
                + "' is not a region AWS has; known regions: "
                + String.join(", ", known));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "application.yaml (or its environment variables): " + String.join("; ", problems));
    }
  }
}
