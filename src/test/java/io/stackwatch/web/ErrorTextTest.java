package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An AWS answer with no error code or message (an empty 500, a proxy's HTML 502) reads on the pages
 * and in the API as its status, service, operation and first words, never as "null".
 */
@QuarkusTest
class ErrorTextTest {

  @Inject PollJob job;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  AwsSimulator sim() {
    return runtime.simulator();
  }

  @AfterEach
  void recover() {
    sim().faults().clear();
    clock.advance(Duration.ofMinutes(5));
    job.run();
  }

  @Test
  void anEmpty500FromCloudWatchReadsAsItsStatusAndOperation() {
    sim().faults().bareServerError("monitoring", "GetMetricData");
    clock.advance(Duration.ofMinutes(5));

    assertThat(job.run().poll().failures())
        .containsOnlyKeys("prod", "staging", "dev")
        .allSatisfy(
            (env, why) ->
                assertThat(why)
                    .isEqualTo("HTTP 500 from CloudWatch GetMetricData: Internal Server Error"));
    assertThat(given().get("/api/environments").jsonPath().getList("lastError", String.class))
        .containsOnly("HTTP 500 from CloudWatch GetMetricData: Internal Server Error");
    assertThat(given().get("/").then().statusCode(200).extract().asString())
        .contains("HTTP 500 from CloudWatch GetMetricData: Internal Server Error")
        .doesNotContainPattern("\\bnull\\b");
  }
}
