package io.stackwatch.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.SeedStack;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The poll follows the plan: each statistic asked as often as its most demanding reader needs, so
 * what CloudWatch bills is what {@code /cost} states; and a refresh that fails (an endpoint
 * throttling just as the hourly series come due) is asked again at the next poll, not an hour
 * later.
 */
@Tag("plain")
class PollPlanTest {

  final TestClock clock = new TestClock();
  final SampleStore store = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
  final SeriesPlans plans = SeedStack.readPlans();
  final SmallRyeConfig config =
      SeedStack.defaults(PollConfig.class, AwsConfig.class, CostConfig.class);

  /** Answers a point a minute, counting each statistic asked; throttles while told to. */
  static final class Endpoint implements MetricSource {
    final Map<MetricStat, Integer> asked = new HashMap<>();
    boolean throttling;

    @Override
    public List<Points> fetch(
        AwsTarget target, List<MetricStat> stats, Instant start, Instant end) {
      // Billed whether or not it answers.
      stats.forEach(s -> asked.merge(s, 1, Integer::sum));
      if (throttling) {
        throw new Failure("ThrottlingException: Rate exceeded (HTTP 400)", null);
      }
      List<Points> out = new ArrayList<>();
      for (int q = 0; q < stats.size(); q++) {
        int minutes = (int) Duration.between(start, end).toMinutes();
        long[] t = new long[minutes];
        double[] v = new double[minutes];
        for (int i = 0; i < minutes; i++) {
          t[i] = start.getEpochSecond() + 60L * i;
        }
        out.add(new Points(t, v));
      }
      return out;
    }
  }

  final Endpoint endpoint = new Endpoint();
  final CloudWatchCollector collector =
      new CloudWatchCollector(
          SeedStack.CATALOG,
          plans,
          endpoint,
          store,
          new Freshness(Duration.ofMinutes(12)),
          config.getConfigMapping(PollConfig.class),
          config.getConfigMapping(AwsConfig.class),
          clock,
          new SimpleMeterRegistry());

  private List<Series> fetchedEvery(Duration refresh) {
    return plans.all().stream()
        .flatMap(p -> p.fetched().stream())
        .filter(s -> s.refresh().equals(refresh))
        .toList();
  }

  private int asked(Series s) {
    return endpoint.asked.getOrDefault(s.stat().orElseThrow(), 0);
  }

  @Test
  void twoHoursOfPollsAskEachStatisticAtItsRefreshAndCostWhatThePlanStates() {
    collector.poll();
    endpoint.asked.clear();
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(5));
      collector.poll();
    }

    assertThat(fetchedEvery(Duration.ofMinutes(5)))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(asked(s)).as(s.key()).isEqualTo(24));
    assertThat(fetchedEvery(Duration.ofMinutes(15)))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(asked(s)).as(s.key()).isEqualTo(8));
    assertThat(fetchedEvery(Duration.ofHours(1)))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(asked(s)).as(s.key()).isEqualTo(2));
    // Two hours billed, times 360, is the month the plan prices.
    long metrics = endpoint.asked.values().stream().mapToLong(Integer::longValue).sum();
    WatchingCost planned =
        WatchingCost.planned(
            plans.all(), config.getConfigMapping(CostConfig.class), 3, Optional.empty());
    assertThat(metrics * 360 * 0.01 / 1000).isCloseTo(planned.cloudWatchUsd(), within(1e-9));
  }

  @Test
  void anHourlyRefreshThatIsThrottledIsAskedAgainAtTheNextPoll() {
    collector.poll();
    clock.advance(Duration.ofMinutes(55));
    collector.poll();
    endpoint.asked.clear();
    Series hourly = fetchedEvery(Duration.ofHours(1)).get(0);

    clock.advance(Duration.ofMinutes(5));
    endpoint.throttling = true;
    collector.poll();
    assertThat(asked(hourly)).as("asked when due, and throttled").isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    endpoint.throttling = false;
    collector.poll();
    assertThat(asked(hourly)).as("asked again at the next poll").isEqualTo(2);
    // Every minute since the first poll is held, up to the last complete one: nothing lost.
    Points held = store.since(hourly.key(), 0);
    assertThat(held.size()).isGreaterThan(60);
    for (int i = 1; i < held.size(); i++) {
      assertThat(held.epochSeconds()[i] - held.epochSeconds()[i - 1])
          .as("minute %d", i)
          .isEqualTo(60);
    }
    assertThat(held.epochSeconds()[held.size() - 1])
        .isEqualTo(clock.instant().getEpochSecond() / 60 * 60 - 60);
  }
}
