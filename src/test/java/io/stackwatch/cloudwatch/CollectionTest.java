package io.stackwatch.cloudwatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real SDK client polls the simulator over HTTP: requests per poll, pages, and what each
 * request carries, counted in the simulator's call log.
 */
@QuarkusTest
@TestProfile(CollectionTest.ManySeries.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectionTest {

  /** The seed's three environments plus one with 230 Lambda functions: over 1,000 series. */
  public static class ManySeries implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.environments.big.resources.lambda-functions",
          IntStream.rangeClosed(1, 230)
              .mapToObj(i -> "big-fn-" + i)
              .collect(Collectors.joining(",")));
    }
  }

  @Inject CloudWatchCollector collector;
  @Inject SeriesPlans plans;
  @Inject SampleStore store;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;
  @Inject ApiCallMeter meter;

  static final ApiCallMeter.Operation GET_METRIC_DATA =
      new ApiCallMeter.Operation("CloudWatch", "GetMetricData");

  long distinctSeries(boolean fastOnly) {
    return plans.all().stream()
        .flatMap(p -> p.fetched().stream())
        .filter(s -> !fastOnly || s.refresh().equals(Duration.ofMinutes(5)))
        .map(Series::stat)
        .flatMap(Optional::stream)
        .distinct()
        .count();
  }

  @Test
  @Order(1)
  void aPollOfNSeriesSendsCeilNOver500Requests() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body(containsString("waiting for the first poll"));
    // Not polled yet is waiting, not stale, and no page says "never polled" or "null".
    String overview = given().get("/").then().statusCode(200).extract().asString();
    assertThat(overview)
        .contains("waiting for the first poll")
        .doesNotContain("stale-badge")
        .doesNotContain("never polled")
        .doesNotContainPattern("\\bnull\\b");
    AwsSimulator sim = runtime.simulator();
    sim.calls().clear();
    long n = distinctSeries(false);

    CloudWatchCollector.PollResult result = collector.poll();

    assertThat(n).isBetween(1001L, 1500L);
    assertThat(result.failures()).isEmpty();
    assertThat(sim.calls().count("monitoring", "GetMetricData"))
        .isEqualTo(3)
        .isEqualTo((n + 499) / 500);
    assertThat(sim.calls().queriesRequested("monitoring", "GetMetricData")).isEqualTo(n);
    assertThat(sim.calls().all())
        .allSatisfy(c -> assertThat(c.queries()).isLessThanOrEqualTo(500))
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
  }

  @Test
  @Order(2)
  void theNextPollFetchesOnlyWhatIsDue() {
    AwsSimulator sim = runtime.simulator();
    sim.calls().clear();
    clock.advance(Duration.ofMinutes(5));

    collector.poll();

    long fast = distinctSeries(true);
    assertThat(fast).isLessThan(distinctSeries(false));
    assertThat(sim.calls().queriesRequested("monitoring", "GetMetricData")).isEqualTo(fast);
    assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo((fast + 499) / 500);
  }

  @Test
  @Order(3)
  void nextTokenPagesAreFollowedAndCounted() {
    AwsSimulator sim = runtime.simulator();
    sim.calls().clear();
    // 15 minutes later every series is due again and reads its window in many small pages.
    clock.advance(Duration.ofMinutes(15));
    sim.cloudWatch().pageSize(2_000);
    long before = store.since("prod/api.latency_avg", 0).size();
    long metered = meter.successes(GET_METRIC_DATA);
    try {
      assertThat(collector.poll().failures()).isEmpty();
    } finally {
      sim.cloudWatch().pageSize(100_800);
    }

    long requests = sim.calls().count("monitoring", "GetMetricData");
    assertThat(requests).as("pages beyond the 3 batches").isGreaterThan(3);
    assertThat(meter.successes(GET_METRIC_DATA) - metered)
        .as("counted by stackwatch")
        .isEqualTo(requests);
    // A slow series last read 20 minutes ago: 20 new points, none lost or doubled across pages.
    assertThat(store.since("prod/api.latency_avg", 0).size()).isEqualTo(before + 20);
  }
}
