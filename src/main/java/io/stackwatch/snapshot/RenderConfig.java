package io.stackwatch.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the readers render, under {@code stackwatch.render}. */
@ConfigMapping(prefix = "stackwatch.render")
public interface RenderConfig {

  /**
   * Pages and {@code /q/metrics} are rendered at most this often, however many ask (see {@link
   * RenderCache}). Default 1 second; zero renders every request.
   */
  @WithDefault("1s")
  Duration maxAge();
}
