package io.stackwatch.web.page;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import io.stackwatch.aws.AwsConfig;

/**
 * The simulator's numbers as pages show them: with {@code stackwatch.source=simulator}, a banner on
 * every page says they are simulated and how to point stackwatch at an account, so a screenshot or
 * a glance is never mistaken for a real account.
 */
public class SimulatedBanner {

  private SimulatedBanner() {}

  /** For layout.html: true while every number comes from the built-in simulator. */
  @TemplateGlobal(name = "simulated")
  static boolean simulated() {
    return Arc.container().instance(AwsConfig.class).get().simulated();
  }
}
