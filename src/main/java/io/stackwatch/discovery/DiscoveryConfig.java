package io.stackwatch.discovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How an environment's resources are found, under {@code stackwatch.discovery}. */
@ConfigMapping(prefix = "stackwatch.discovery")
public interface DiscoveryConfig {

  /**
   * Whether resources are found by tag at all; without, configuration and the naming convention
   * name them. Default true.
   */
  @WithDefault("true")
  boolean enabled();

  /** The tag whose value is the environment's name. Default {@code Environment}. */
  @WithDefault("Environment")
  String tagKey();

  /**
   * How often resources are found again, so added ones appear without a restart. Default 1 hour.
   */
  @WithDefault("1h")
  Duration interval();
}
