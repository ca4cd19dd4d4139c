package io.stackwatch.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import io.stackwatch.simulator.AwsSimulator;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stackwatch.source=aws} uses the SDK's standard credential chain and its own endpoint
 * settings ({@code AWS_ENDPOINT_URL}, here as the equivalent system property), so an emulator or a
 * VPC endpoint needs no stackwatch code. An external simulator stands in for AWS.
 */
@QuarkusTest
@TestProfile(AwsSourceTest.RealChain.class)
@QuarkusTestResource(value = AwsSourceTest.OutsideEndpoint.class, restrictToAnnotatedClass = true)
class AwsSourceTest {

  /** Real-account mode, pointed at an outside endpoint the SDK's own way. */
  public static class RealChain implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.source", "aws");
    }
  }

  /** An AWS stand-in the application does not start itself. */
  public static class OutsideEndpoint implements QuarkusTestResourceLifecycleManager {
    static AwsSimulator simulator;

    @Override
    public Map<String, String> start() {
      simulator = AwsSimulator.start(0, Clock.systemUTC(), 7);
      System.setProperty("aws.endpointUrl", simulator.endpoint().toString());
      System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
      System.setProperty("aws.secretAccessKey", "example-secret");
      return Map.of();
    }

    @Override
    public void stop() {
      System.clearProperty("aws.endpointUrl");
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      simulator.close();
    }
  }

  @Inject CloudWatchCollector collector;
  @Inject TestClock clock;

  @Test
  void pollsThroughTheSdksOwnEndpointSettingWithTheStandardChain() {
    clock.advance(Duration.ofMinutes(5));

    assertThat(collector.poll().failures()).isEmpty();

    assertThat(OutsideEndpoint.simulator.calls().count("monitoring", "GetMetricData")).isEqualTo(1);
  }

  /** An account's numbers carry no simulator banner, and say aws wherever the source shows. */
  @Test
  void anAccountsNumbersAreNotMarkedSimulated() {
    assertThat(given().get("/").then().statusCode(200).extract().asString())
        .doesNotContain("simulated-banner")
        .doesNotContain("Simulated data");
    assertThat(given().get("/api/status").jsonPath().getString("source")).isEqualTo("aws");
    assertThat(given().get("/api/status").jsonPath().getBoolean("simulated")).isFalse();
    assertThat(given().get("/api/environments").jsonPath().getList("simulated", Boolean.class))
        .containsOnly(false);
    assertThat(given().get("/api/cost").header("Stackwatch-Source")).isEqualTo("aws");
    assertThat(given().get("/q/metrics").asString())
        .contains("stackwatch_info{source=\"aws\"} 1.0")
        .doesNotContain("source=\"simulator\"");
  }
}
