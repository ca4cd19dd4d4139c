package io.stackwatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on what a client may hold of the server, under {@code stackwatch.http}. */
@ConfigMapping(prefix = "stackwatch.http")
public interface HttpConfig {

  /**
   * How long a request's body may take to arrive, from its headers to its last byte: a client
   * slower than this gets a 408 and its connection is closed. Default 10 seconds (a form is a few
   * kilobytes).
   */
  @WithDefault("10s")
  Duration bodyTimeout();
}
