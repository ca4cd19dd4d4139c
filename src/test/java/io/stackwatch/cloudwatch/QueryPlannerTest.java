package io.stackwatch.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.cloudwatch.QueryPlanner.Batch;
import io.stackwatch.cloudwatch.QueryPlanner.Due;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.MetricStat.Dimension;
import io.stackwatch.series.Series;
import io.stackwatch.series.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
class QueryPlannerTest {

  static final Instant END = Instant.parse("2026-11-26T12:00:00Z");
  static final AwsTarget ACCOUNT_A = new AwsTarget("us-east-1", Optional.empty(), Optional.empty());
  static final AwsTarget ACCOUNT_B =
      new AwsTarget(
          "us-east-1", Optional.of("arn:aws:iam::222222222222:role/read"), Optional.empty());

  @ParameterizedTest
  @CsvSource({"1, 1", "499, 1", "500, 1", "501, 2", "1000, 2", "1200, 3", "10000, 20"})
  void sendsCeilOfSeriesOver500Requests(int series, int requests) {
    List<Batch> batches = QueryPlanner.plan(due(series, "env", ACCOUNT_A), END);

    assertThat(batches).hasSize(requests);
    assertThat(batches).allSatisfy(b -> assertThat(b.stats()).hasSizeLessThanOrEqualTo(500));
    assertThat(batches.stream().mapToInt(b -> b.stats().size()).sum()).isEqualTo(series);
  }

  @Test
  void asksAStatisticSharedByTwoEnvironmentsOnce() {
    MetricStat shared =
        new MetricStat("AWS/Lambda", "ConcurrentExecutions", List.of(), "Maximum", 60);
    Series prod = series("prod", "lambda.account", shared);
    Series staging = series("staging", "lambda.account", shared);

    List<Batch> batches =
        QueryPlanner.plan(
            List.of(
                new Due(prod, ACCOUNT_A, END.minusSeconds(300)),
                new Due(staging, ACCOUNT_A, END.minusSeconds(600))),
            END);

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).stats()).containsExactly(shared);
    assertThat(batches.get(0).consumers().get(0)).containsExactly(prod, staging);
    assertThat(batches.get(0).start()).isEqualTo(END.minusSeconds(600));
  }

  @Test
  void keepsAccountsApartSoOneFailingRoleLeavesTheOthers() {
    List<Due> due = new ArrayList<>(due(300, "prod", ACCOUNT_A));
    due.addAll(due(300, "staging", ACCOUNT_B));

    List<Batch> batches = QueryPlanner.plan(due, END);

    assertThat(batches).extracting(Batch::target).containsExactly(ACCOUNT_A, ACCOUNT_B);
  }

  static List<Due> due(int n, String env, AwsTarget target) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new Due(
                    series(
                        env,
                        "s" + i,
                        new MetricStat(
                            "AWS/Lambda",
                            "Errors",
                            List.of(new Dimension("FunctionName", env + "-fn-" + i)),
                            "Sum",
                            60)),
                    target,
                    END.minus(Duration.ofMinutes(8))))
        .toList();
  }

  static Series series(String env, String id, MetricStat stat) {
    return new Series(id, env, id, Unit.COUNT, Optional.of(stat), Duration.ofMinutes(5));
  }
}
