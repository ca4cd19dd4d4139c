package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Throttling, HTTP 500 and a timeout each leave the last good values on the page marked stale, and
 * the next good poll clears the mark.
 */
@QuarkusTest
@TestProfile(ShortTimeouts.class)
class StaleDataTest {

  enum Fault {
    THROTTLING(s -> s.faults().throttle("monitoring", "GetMetricData"), "Throttling"),
    HTTP_500(s -> s.faults().serverError("monitoring", "GetMetricData"), "500"),
    TIMEOUT(
        s -> s.faults().delay("monitoring", "GetMetricData", ShortTimeouts.SLOW),
        "timeout|timed out");

    final Consumer<AwsSimulator> start;
    final String reason;

    Fault(Consumer<AwsSimulator> start, String reason) {
      this.start = start;
      this.reason = reason;
    }
  }

  @Inject PollJob job;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  private static boolean warm;

  /** The first poll, before the first test asserts (see {@link ShortTimeouts}). */
  @BeforeEach
  void warmUp() {
    if (!warm) {
      ShortTimeouts.untilItSucceeds(
          "a poll",
          () -> {
            clock.advance(Duration.ofMinutes(5));
            return job.run().poll().failures().isEmpty();
          });
      warm = true;
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aFailedPollKeepsTheLastValuesMarkedStaleUntilTheNextGoodOne(Fault fault) {
    AwsSimulator sim = runtime.simulator();
    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();
    String good = given().get("/").then().statusCode(200).extract().asString();
    List<String> cpu = DashboardTest.values(good, "DB CPU");
    assertThat(good).doesNotContain("stale-badge");

    fault.start.accept(sim);
    try {
      clock.advance(Duration.ofMinutes(5));
      assertThat(job.run().poll().failures()).containsOnlyKeys("prod", "staging", "dev");
    } finally {
      sim.faults().clear();
    }

    String stale = given().get("/").then().statusCode(200).extract().asString();
    assertThat(stale.split("stale-badge", -1)).hasSize(4);
    assertThat(stale).containsPattern("(?i)" + fault.reason);
    assertThat(DashboardTest.values(stale, "DB CPU")).isEqualTo(cpu);
    given().get("/environments/prod").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(503);
    assertThat(given().get("/q/metrics").asString())
        .contains("stackwatch_data_stale{environment=\"prod\"} 1.0");

    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();

    String recovered = given().get("/").then().statusCode(200).extract().asString();
    assertThat(recovered).doesNotContain("stale-badge");
    given().get("/q/health/ready").then().statusCode(200);
  }
}
