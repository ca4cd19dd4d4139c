package io.stackwatch.cloudwatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.cloudwatch.CloudWatchCollector.PollResult;
import io.stackwatch.poll.PollJob;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.store.SampleStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers HTTP 500 to any request holding a percentile, percentile queries spread
 * across the batch: every other series is collected in the first poll, the refused ones are listed
 * with the reason, within a bounded number of extra requests.
 */
@QuarkusTest
@TestProfile(RefusedPercentilesTest.OneAttempt.class)
class RefusedPercentilesTest {

  /** Each refused request counted once (the SDK would otherwise retry a 500). */
  public static class OneAttempt implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.aws.max-attempts", "1");
    }
  }

  @Inject PollJob job;
  @Inject SeriesPlans plans;
  @Inject SampleStore store;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  @Test
  void everyOtherSeriesIsCollectedInTheFirstPollAndTheRefusedOnesAreListed() {
    AwsSimulator sim = runtime.simulator();
    sim.cloudWatch().refuseStatistic("p99");
    List<Series> fetched = plans.all().stream().flatMap(p -> p.fetched().stream()).toList();
    List<Series> percentiles =
        fetched.stream().filter(s -> s.stat().orElseThrow().stat().equals("p99")).toList();
    assertThat(percentiles).hasSizeGreaterThanOrEqualTo(6);
    sim.calls().clear();

    PollResult first = job.run().poll();

    assertThat(first.failures()).isEmpty();
    assertThat(fetched)
        .filteredOn(s -> !percentiles.contains(s))
        .allSatisfy(s -> assertThat(store.latest(s.key())).as(s.key()).isPresent());
    assertThat(first.skipped().values().stream().flatMap(List::stream).toList())
        .hasSize(percentiles.size())
        .allSatisfy(q -> assertThat(q).contains(" p99/60s: ").contains("HTTP 500"));
    long requests =
        sim.calls().all().stream().filter(c -> c.operation().equals("GetMetricData")).count();
    // The batch, one request per statistic, the percentiles' two halves; then the backfill.
    assertThat(first.requests()).isLessThanOrEqualTo(1 + CloudWatchCollector.ISOLATION_REQUESTS);
    System.out.printf(
        "Refused percentiles: %d of %d series, %d requests in the first poll, %d with the"
            + " backfill%n",
        percentiles.size(), fetched.size(), first.requests(), requests);
    String page = given().get("/environments/prod").then().statusCode(200).extract().asString();
    assertThat(page).contains("Queries CloudWatch refuses").contains("Latency");
    assertThat(given().get("/").asString()).doesNotContain("stale-badge");

    // Left out of the next poll: nothing refused, nothing searched.
    sim.calls().clear();
    clock.advance(Duration.ofMinutes(5));
    PollResult next = job.run().poll();
    assertThat(next.failures()).isEmpty();
    assertThat(sim.calls().all()).noneMatch(c -> c.status() == 500);
  }
}
