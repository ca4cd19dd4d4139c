package io.stackwatch.aws;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.simulator.AwsSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Stackwatch's own SDK clients ({@link AwsClients}: meter, timeouts, retries) on a simulator. */
final class SimulatedClients {

  static final AwsTarget US_EAST_1 = new AwsTarget("us-east-1", Optional.empty(), Optional.empty());

  private SimulatedClients() {}

  static AwsClients of(AwsSimulator sim, ApiCallMeter meter, int maxAttempts, Duration attempt) {
    return new AwsClients(config(maxAttempts, attempt), meter, sim::endpoint);
  }

  static AwsConfig config(int maxAttempts, Duration attempt) {
    return new AwsConfig() {
      @Override
      public Source source() {
        return Source.SIMULATOR;
      }

      @Override
      public Aws aws() {
        return new Aws() {
          @Override
          public Optional<URI> endpoint() {
            return Optional.empty();
          }

          @Override
          public Duration connectTimeout() {
            return Duration.ofSeconds(2);
          }

          @Override
          public Duration attemptTimeout() {
            return attempt;
          }

          @Override
          public Duration callTimeout() {
            return Duration.ofSeconds(30);
          }

          @Override
          public int maxAttempts() {
            return maxAttempts;
          }
        };
      }
    };
  }
}
