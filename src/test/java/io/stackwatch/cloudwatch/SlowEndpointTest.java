package io.stackwatch.cloudwatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.store.SampleStore;
import io.stackwatch.web.DashboardTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers in proportion to the datapoints asked, slower than the attempt timeout
 * for the three-hour backfill of every series: the overview has numbers for all three environments
 * from the first poll, and the whole backfill arrives after it, in requests the endpoint answers,
 * each point once.
 */
@QuarkusTest
@TestProfile(SlowEndpointTest.Slow.class)
class SlowEndpointTest {

  /** One attempt of a second at most; nothing else retried. */
  public static class Slow implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.aws.attempt-timeout", "1s",
          "stackwatch.aws.call-timeout", "2s",
          "stackwatch.aws.max-attempts", "1");
    }
  }

  /** 40 ms per thousand datapoints: the backfill of every series asks about 37,000. */
  static final Duration PER_THOUSAND = Duration.ofMillis(40);

  @Inject PollJob job;
  @Inject SeriesPlans plans;
  @Inject SampleStore store;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  @Test
  void numbersFromTheFirstPollAndTheWholeBackfillInRequestsTheEndpointAnswers() {
    AwsSimulator sim = runtime.simulator();
    sim.cloudWatch().answerTime(PER_THOUSAND);
    try {
      clock.advance(Duration.ofMinutes(5));
      Instant end = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);

      sim.calls().clear();
      long started = System.nanoTime();
      assertThat(job.run().poll().failures()).isEmpty();
      long firstPollMs = (System.nanoTime() - started) / 1_000_000;
      List<Integer> firstPoll = getMetricData(sim);

      String html = given().get("/").then().statusCode(200).extract().asString();
      assertThat(DashboardTest.values(html, "DB CPU"))
          .hasSize(3)
          .allMatch(v -> v.matches("\\d+(\\.\\d+)? %"));
      assertThat(html).doesNotContain("stale-badge");
      // The endpoint did not answer the largest request in time; smaller ones it did.
      assertThat(firstPoll).contains(200);

      // The next polls finish what is left, if anything is.
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofMinutes(5));
        assertThat(job.run().poll().failures()).isEmpty();
      }
      List<Integer> all = getMetricData(sim);
      System.out.printf(
          "Slow endpoint: first poll %d ms, %d GetMetricData requests (%d not answered in time);"
              + " %d requests in four polls%n",
          firstPollMs,
          firstPoll.size(),
          firstPoll.stream().filter(status -> status != 200).count(),
          all.size());
      List<Series> fetched = plans.all().stream().flatMap(p -> p.fetched().stream()).toList();
      long from = end.minus(Duration.ofHours(3)).getEpochSecond();
      assertThat(fetched)
          .allSatisfy(
              s -> {
                long[] times =
                    store.between(s.key(), from, end.getEpochSecond() - 1).epochSeconds();
                // Every minute of the three hours, each once (ascending, so no doubles).
                assertThat(times).as(s.key()).hasSize(180);
                for (int i = 1; i < times.length; i++) {
                  assertThat(times[i] - times[i - 1]).as(s.key()).isEqualTo(60);
                }
              });
    } finally {
      sim.cloudWatch().answerTime(Duration.ZERO);
    }
  }

  /** The HTTP status of every GetMetricData request the simulator got, in order. */
  private static List<Integer> getMetricData(AwsSimulator sim) {
    return sim.calls().all().stream()
        .filter(c -> c.operation().equals("GetMetricData"))
        .map(c -> c.status())
        .toList();
  }
}
