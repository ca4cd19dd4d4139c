package io.stackwatch.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where AWS calls go and how long they may take, under {@code stackwatch}. */
@ConfigMapping(prefix = "stackwatch")
public interface AwsConfig {

  /**
   * {@code simulator} (default): every client talks to the built-in simulator with dummy
   * credentials. {@code aws}: the standard credential chain and, per environment, its role.
   */
  @WithDefault("simulator")
  Source source();

  /** Client settings. */
  Aws aws();

  /** Whether every number comes from the built-in simulator rather than an AWS account. */
  default boolean simulated() {
    return source() == Source.SIMULATOR;
  }

  /** The source as settings, pages and labels spell it: {@code simulator} or {@code aws}. */
  default String sourceName() {
    return source().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Where AWS calls go. */
  enum Source {
    SIMULATOR,
    AWS
  }

  /** Client settings, under {@code stackwatch.aws}. */
  interface Aws {

    /**
     * One endpoint for every service, such as a LocalStack-style emulator. Without it the SDK's own
     * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} variables apply.
     */
    Optional<URI> endpoint();

    /** TCP connect timeout. Default 2 seconds. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time allowed for one HTTP attempt. Default 10 seconds. */
    @WithDefault("10s")
    Duration attemptTimeout();

    /** Time allowed for one call, retries included. Default 30 seconds. */
    @WithDefault("30s")
    Duration callTimeout();

    /** Attempts per call, the first included; retries back off with jitter. Default 3. */
    @WithDefault("3")
    int maxAttempts();
  }
}
