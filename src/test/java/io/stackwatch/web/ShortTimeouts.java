package io.stackwatch.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The application of the fault tests ({@link FaultModesTest}, {@link StaleDataTest}): an attempt
 * timeout of half a second and one attempt per call, so a test of a slow service waits out half a
 * second per call, not ten seconds three times; a cost cap that never binds; and dev read through
 * its own role.
 *
 * <p>Every call, not only a faulted one, has that half second. So a test that moves the clock
 * without polling (a cost refresh, an SNS retry) moves it by a minute or so, {@link #COST_REFRESH}
 * and {@link #OUTBOX_RETRY}: the next poll then reads minutes of data, not hours, whatever test
 * comes next. And a fresh application's first calls load and compile the SDK's and the simulator's
 * code while its first poll reads three hours: on a busy machine they can outlast half a second, so
 * each test class first makes those calls with {@link #untilItSucceeds}, and asserts on warm
 * clients.
 */
public class ShortTimeouts implements QuarkusTestProfile {

  /** Time allowed for one HTTP attempt. */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

  /** How long a delay fault sleeps: past the attempt timeout, so every attempt times out. */
  static final Duration SLOW = ATTEMPT_TIMEOUT.plusMillis(250);

  /** How often month-to-date costs are asked again. */
  static final Duration COST_REFRESH = Duration.ofMinutes(1);

  /** Past the outbox's wait after one failed Publish (10 s at most, its default). */
  static final Duration OUTBOX_RETRY = Duration.ofMinutes(1);

  static final String DEV_ROLE = "arn:aws:iam::111111111111:role/stackwatch-read";

  private static final int TRIES = 10;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "stackwatch.aws.attempt-timeout",
        ATTEMPT_TIMEOUT.toMillis() + "ms",
        "stackwatch.aws.call-timeout",
        "2s",
        // One attempt: every fault here lasts until the test clears it, so a retry could only
        // fail again, after the SDK's backoff (up to a second when throttled) or another timeout.
        // The retries of the application's clients are shown in ApiCallMeterTest and CostCapTest.
        "stackwatch.aws.max-attempts",
        "1",
        "stackwatch.cost.refresh",
        COST_REFRESH.toMinutes() + "m",
        "stackwatch.cost.max-requests-per-day",
        "1000",
        "stackwatch.environments.dev.role-arn",
        DEV_ROLE);
  }

  /**
   * Runs {@code step} until it says it succeeded, at most {@value #TRIES} times: the warm-up of a
   * fresh application's clients (a failed poll, refresh or delivery is tried again by the next).
   */
  static void untilItSucceeds(String what, BooleanSupplier step) {
    long start = System.nanoTime();
    for (int i = 1; i <= TRIES; i++) {
      if (step.getAsBoolean()) {
        System.out.printf(
            "Warm-up: %s in %d %s, %d ms%n",
            what, i, i == 1 ? "try" : "tries", (System.nanoTime() - start) / 1_000_000);
        return;
      }
    }
    throw new AssertionError(what + " did not succeed in " + TRIES + " tries");
  }
}
