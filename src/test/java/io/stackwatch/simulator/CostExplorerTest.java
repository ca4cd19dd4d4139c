package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.stackwatch.TestClock;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.InvalidNextTokenException;
import software.amazon.awssdk.services.costexplorer.model.LimitExceededException;
import software.amazon.awssdk.services.costexplorer.model.MatchOption;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

@Tag("simulator")
class CostExplorerTest {

  /** The simplest question: one day, daily, unblended. */
  static final java.util.function.Consumer<
          software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest.Builder>
      ONE_DAY =
          r ->
              r.timePeriod(t -> t.start("2026-11-01").end("2026-11-02"))
                  .granularity("DAILY")
                  .metrics("UnblendedCost");

  /** SimulatorFixture.NOW is Thursday 2026-11-26 12:00 UTC. */
  private static final LocalDate TODAY = LocalDate.parse("2026-11-26");

  private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");
  private static final List<String> ALL = List.of("dev", "staging", "prod", "");
  private static final String RDS = "Amazon Relational Database Service";

  private TestClock clock;
  private AwsSimulator sim;
  private CostExplorerClient ce;

  @BeforeEach
  void start() {
    clock = new TestClock(SimulatorFixture.NOW);
    sim = AwsSimulator.start(0, clock, SimulatorFixture.SEED);
    ce = SimulatorFixture.costExplorer(sim);
  }

  @AfterEach
  void stop() {
    ce.close();
    sim.close();
  }

  @Test
  void dailyTotalsAreTheSumOfEveryLineToTheCentAndTheLastTwoDaysAreEstimated() {
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                    .granularity("DAILY")
                    .metrics("UnblendedCost", "AmortizedCost"));

    assertThat(response.resultsByTime()).hasSize(25);
    assertThat(response.nextPageToken()).isNull();
    assertThat(response.groupDefinitions()).isEmpty();
    for (ResultByTime day : response.resultsByTime()) {
      LocalDate date = LocalDate.parse(day.timePeriod().start());
      assertThat(day.timePeriod().end()).isEqualTo(date.plusDays(1).toString());
      assertThat(day.groups()).isEmpty();
      BigDecimal expected = BigDecimal.ZERO;
      for (String env : ALL) {
        expected = expected.add(sim.costExplorer().dailyCost(env, date));
      }
      assertThat(new BigDecimal(day.total().get("UnblendedCost").amount()))
          .as(date.toString())
          .isEqualByComparingTo(expected);
      assertThat(day.total().get("UnblendedCost").unit()).isEqualTo("USD");
      assertThat(day.total().get("AmortizedCost").amount())
          .isEqualTo(day.total().get("UnblendedCost").amount());
      // The seed's estate costs about $31 a day (about $929 a month plus 3 % untagged).
      assertThat(expected.doubleValue()).isBetween(24.0, 38.0);
      assertThat(day.estimated()).as(date.toString()).isEqualTo(!date.isBefore(TODAY.minusDays(2)));
    }
    assertThat(sim.calls().count("ce", "GetCostAndUsage")).isEqualTo(1);
  }

  @Test
  void groupsByEnvironmentTagAndServiceWithTagKeysAsAwsWritesThem() {
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                    .granularity("MONTHLY")
                    .metrics("UnblendedCost")
                    .groupBy(
                        g -> g.type("TAG").key("Environment"),
                        g -> g.type("DIMENSION").key("SERVICE")));

    assertThat(response.groupDefinitions())
        .extracting(g -> g.typeAsString(), g -> g.key())
        .containsExactly(tuple("TAG", "Environment"), tuple("DIMENSION", "SERVICE"));
    ResultByTime month = response.resultsByTime().get(0);
    assertThat(response.resultsByTime()).hasSize(1);
    assertThat(month.timePeriod().start()).isEqualTo("2026-11-01");
    assertThat(month.timePeriod().end()).isEqualTo("2026-11-26");
    assertThat(month.total()).isEmpty(); // grouped answers carry their amounts in the groups
    assertThat(month.estimated()).isTrue();

    Map<List<String>, BigDecimal> expected = new TreeMap<>(CostExplorerTest::compare);
    for (String env : ALL) {
      for (String service : sim.costExplorer().services(env)) {
        expected.put(List.of("Environment$" + env, service), sum(env, service, NOV_1, TODAY));
      }
    }
    assertThat(month.groups()).extracting(Group::keys).containsExactlyElementsOf(expected.keySet());
    for (Group group : month.groups()) {
      assertThat(new BigDecimal(group.metrics().get("UnblendedCost").amount()))
          .as(group.keys().toString())
          .isEqualByComparingTo(expected.get(group.keys()));
    }
    assertThat(month.groups())
        .extracting(Group::keys)
        .contains(
            List.of("Environment$prod", RDS),
            List.of("Environment$staging", "Amazon CloudFront"),
            List.of("Environment$dev", "EC2 - Other"),
            List.of("Environment$", "AmazonCloudWatch"))
        .doesNotContain(List.of("Environment$dev", "Amazon CloudFront"));
  }

  @Test
  void untaggedSpendIsAGroupOfItsOwnAboutThreePercentOfTheBill() {
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-10-01").end("2026-11-01"))
                    .granularity("MONTHLY")
                    .metrics("UnblendedCost")
                    .groupBy(g -> g.type("TAG").key("Environment")));

    Map<String, Double> byKey = new HashMap<>();
    for (Group g : response.resultsByTime().get(0).groups()) {
      byKey.put(g.keys().get(0), Double.parseDouble(g.metrics().get("UnblendedCost").amount()));
    }
    assertThat(byKey)
        .containsOnlyKeys(
            "Environment$", "Environment$dev", "Environment$prod", "Environment$staging");
    double total = byKey.values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(byKey.get("Environment$") / total).isBetween(0.025, 0.035);
    // October has 31 days: the seed's 30-day figures times 31/30, give or take the noise.
    assertThat(byKey.get("Environment$dev")).isCloseTo(79 * 31 / 30.0, within(0.04));
    assertThat(byKey.get("Environment$staging")).isCloseTo(254 * 31 / 30.0, within(0.04));
    assertThat(byKey.get("Environment$prod")).isCloseTo(596 * 31 / 30.0, within(0.04));
    assertThat(response.resultsByTime().get(0).estimated()).isFalse();
  }

  @Test
  void filtersByTagAndServiceCombineWithAndAndNot() {
    Expression prodButNotRds =
        Expression.builder()
            .and(
                e -> e.tags(t -> t.key("Environment").values("prod")),
                e -> e.not(n -> n.dimensions(d -> d.key("SERVICE").values(RDS))))
            .build();
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-20").end("2026-11-23"))
                    .granularity("DAILY")
                    .metrics("NetUnblendedCost")
                    .filter(prodButNotRds));

    for (ResultByTime day : response.resultsByTime()) {
      LocalDate date = LocalDate.parse(day.timePeriod().start());
      BigDecimal expected =
          sim.costExplorer()
              .dailyCost("prod", date)
              .subtract(sim.costExplorer().dailyCost("prod", RDS, date));
      assertThat(new BigDecimal(day.total().get("NetUnblendedCost").amount()))
          .isEqualByComparingTo(expected);
    }

    GetCostAndUsageResponse rdsOnly =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-20").end("2026-11-21"))
                    .granularity("DAILY")
                    .metrics("UnblendedCost")
                    .filter(e -> e.dimensions(d -> d.key("SERVICE").values(RDS)))
                    .groupBy(g -> g.type("TAG").key("Environment")));
    assertThat(rdsOnly.resultsByTime().get(0).groups())
        .extracting(g -> g.keys().get(0))
        .containsExactly("Environment$dev", "Environment$prod", "Environment$staging");
  }

  @Test
  void theAbsentMatchOptionSelectsUntaggedSpend() {
    LocalDate day = LocalDate.parse("2026-11-10");
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-10").end("2026-11-11"))
                    .granularity("DAILY")
                    .metrics("UnblendedCost")
                    .filter(
                        e -> e.tags(t -> t.key("Environment").matchOptions(MatchOption.ABSENT))));
    assertThat(
            new BigDecimal(response.resultsByTime().get(0).total().get("UnblendedCost").amount()))
        .isEqualByComparingTo(sim.costExplorer().dailyCost("", day))
        .isPositive();
  }

  @Test
  void anyEnvironmentNameAskedForIsBilledAtAStableSize() {
    Consumer<GetCostAndUsageRequest.Builder> qa =
        r ->
            r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                .granularity("MONTHLY")
                .metrics("UnblendedCost")
                .filter(e -> e.tags(t -> t.key("Environment").values("qa")));

    String amount =
        ce.getCostAndUsage(qa).resultsByTime().get(0).total().get("UnblendedCost").amount();
    assertThat(new BigDecimal(amount))
        .isEqualByComparingTo(sum("qa", null, NOV_1, TODAY))
        .isPositive();
    assertThat(ce.getCostAndUsage(qa).resultsByTime().get(0).total().get("UnblendedCost").amount())
        .isEqualTo(amount);

    // Unless asked for, or added, qa is not part of the account's bill.
    Consumer<GetCostAndUsageRequest.Builder> byEnvironment =
        r ->
            r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                .granularity("MONTHLY")
                .metrics("UnblendedCost")
                .groupBy(g -> g.type("TAG").key("Environment"));
    assertThat(ce.getCostAndUsage(byEnvironment).resultsByTime().get(0).groups())
        .extracting(g -> g.keys().get(0))
        .doesNotContain("Environment$qa");
    sim.costExplorer().addEnvironment("qa");
    assertThat(ce.getCostAndUsage(byEnvironment).resultsByTime().get(0).groups())
        .extracting(g -> g.keys().get(0))
        .contains("Environment$qa");
  }

  @Test
  void monthlyPeriodsAreCalendarMonthsClippedToTheRange() {
    GetCostAndUsageResponse response =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-09-15").end("2026-12-01"))
                    .granularity("MONTHLY")
                    .metrics("UnblendedCost"));
    assertThat(response.resultsByTime())
        .extracting(p -> p.timePeriod().start(), p -> p.timePeriod().end(), ResultByTime::estimated)
        .containsExactly(
            tuple("2026-09-15", "2026-10-01", false),
            tuple("2026-10-01", "2026-11-01", false),
            tuple("2026-11-01", "2026-12-01", true));
    BigDecimal november = BigDecimal.ZERO;
    for (String env : ALL) {
      november = november.add(sum(env, null, NOV_1, LocalDate.parse("2026-12-01")));
    }
    assertThat(
            new BigDecimal(response.resultsByTime().get(2).total().get("UnblendedCost").amount()))
        .isEqualByComparingTo(november);
  }

  @Test
  void manyGroupsTimesDaysArePagedAndEveryPageIsABilledCall() {
    Consumer<GetCostAndUsageRequest.Builder> request =
        r ->
            r.timePeriod(t -> t.start("2026-11-01").end("2026-11-26"))
                .granularity("DAILY")
                .metrics("UnblendedCost")
                .groupBy(
                    g -> g.type("TAG").key("Environment"), g -> g.type("DIMENSION").key("SERVICE"));
    GetCostAndUsageResponse firstPage = ce.getCostAndUsage(request);
    assertThat(firstPage.resultsByTime().stream().mapToInt(r -> r.groups().size()).sum())
        .isEqualTo(500); // the default page size
    assertThat(firstPage.nextPageToken()).isNotNull();

    sim.costExplorer().pageSize(100_000);
    List<ResultByTime> whole = ce.getCostAndUsage(request).resultsByTime();
    int rows = whole.stream().mapToInt(r -> r.groups().size()).sum();
    int groupsPerDay = ALL.stream().mapToInt(env -> sim.costExplorer().services(env).size()).sum();
    assertThat(rows).isEqualTo(25 * groupsPerDay);
    sim.calls().clear();

    sim.costExplorer().pageSize(60);
    // The SDK has no paginator for GetCostAndUsage: follow NextPageToken as a collector must.
    Map<String, Map<List<String>, String>> merged = new TreeMap<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      GetCostAndUsageResponse page = ce.getCostAndUsage(r -> request.accept(r.nextPageToken(next)));
      pages++;
      int pageRows = 0;
      for (ResultByTime period : page.resultsByTime()) {
        for (Group g : period.groups()) {
          String previous =
              merged
                  .computeIfAbsent(period.timePeriod().start(), k -> new HashMap<>())
                  .put(g.keys(), g.metrics().get("UnblendedCost").amount());
          assertThat(previous).as("a group is on one page only").isNull();
          pageRows++;
        }
      }
      assertThat(pageRows).isLessThanOrEqualTo(60);
      token = page.nextPageToken();
    } while (token != null);

    assertThat(pages).isEqualTo((rows + 59) / 60);
    assertThat(sim.calls().count("ce", "GetCostAndUsage")).isEqualTo(pages);
    for (ResultByTime period : whole) {
      Map<List<String>, String> expected = new HashMap<>();
      period
          .groups()
          .forEach(g -> expected.put(g.keys(), g.metrics().get("UnblendedCost").amount()));
      assertThat(merged.get(period.timePeriod().start())).isEqualTo(expected);
    }
  }

  @Test
  void aPageTokenOnlyResumesTheRequestItCameFrom() {
    sim.costExplorer().pageSize(5);
    GetCostAndUsageResponse first =
        ce.getCostAndUsage(
            r ->
                r.timePeriod(t -> t.start("2026-11-01").end("2026-11-10"))
                    .granularity("DAILY")
                    .metrics("UnblendedCost"));
    assertThat(first.resultsByTime()).hasSize(5);
    assertThatThrownBy(
            () ->
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-01").end("2026-11-11"))
                            .granularity("DAILY")
                            .metrics("UnblendedCost")
                            .nextPageToken(first.nextPageToken())))
        .isInstanceOf(InvalidNextTokenException.class);
  }

  @Test
  void estimatesAreRevisedThreeTimesADayUntilTheyAreThreeDaysOld() {
    LocalDate yesterday = TODAY.minusDays(1);
    LocalDate final1 = TODAY.minusDays(3);
    BigDecimal yesterdayAtNoon = sim.costExplorer().dailyCost("prod", yesterday);
    BigDecimal finalAtNoon = sim.costExplorer().dailyCost("prod", final1);
    assertThat(sim.costExplorer().estimated(yesterday)).isTrue();
    assertThat(sim.costExplorer().estimated(final1)).isFalse();

    clock.advance(Duration.ofHours(2)); // 14:00, same refresh window
    assertThat(sim.costExplorer().dailyCost("prod", yesterday)).isEqualTo(yesterdayAtNoon);
    clock.advance(Duration.ofHours(3)); // 17:00, the 16:00 refresh has run
    BigDecimal revised = sim.costExplorer().dailyCost("prod", yesterday);
    assertThat(revised).isNotEqualTo(yesterdayAtNoon);
    assertThat(revised.subtract(yesterdayAtNoon).abs().doubleValue())
        .isLessThan(yesterdayAtNoon.doubleValue() * 0.06);
    assertThat(sim.costExplorer().dailyCost("prod", final1)).isEqualTo(finalAtNoon);

    // Three days on, yesterday is final and no longer estimated.
    clock.advance(Duration.ofDays(2));
    assertThat(sim.costExplorer().estimated(yesterday)).isFalse();
    BigDecimal settled = sim.costExplorer().dailyCost("prod", yesterday);
    clock.advance(Duration.ofHours(8));
    assertThat(sim.costExplorer().dailyCost("prod", yesterday)).isEqualTo(settled);
    assertThat(settled).isGreaterThanOrEqualTo(revised); // estimates fall short, then catch up

    // What the API says matches what the test can compute, at any moment.
    ResultByTime day =
        ce.getCostAndUsage(
                r ->
                    r.timePeriod(t -> t.start(yesterday.toString()).end(TODAY.toString()))
                        .granularity("DAILY")
                        .metrics("UnblendedCost")
                        .filter(e -> e.tags(t -> t.key("Environment").values("prod"))))
            .resultsByTime()
            .get(0);
    assertThat(new BigDecimal(day.total().get("UnblendedCost").amount()))
        .isEqualByComparingTo(settled);
    assertThat(day.estimated()).isFalse();
  }

  @Test
  void todayAndLaterHaveNoCostYet() {
    ResultByTime today =
        ce.getCostAndUsage(
                r ->
                    r.timePeriod(t -> t.start("2026-11-26").end("2026-11-27"))
                        .granularity("DAILY")
                        .metrics("UnblendedCost")
                        .groupBy(g -> g.type("DIMENSION").key("SERVICE")))
            .resultsByTime()
            .get(0);
    assertThat(today.groups()).isEmpty();
    assertThat(today.estimated()).isTrue();
  }

  @Test
  void aSpikeMultipliesOneDayOfOneEnvironment() {
    LocalDate day = LocalDate.parse("2026-11-12");
    BigDecimal before = sim.costExplorer().dailyCost("staging", RDS, day);
    BigDecimal prodBefore = sim.costExplorer().dailyCost("prod", day);
    sim.costExplorer().scenarios().spike("staging", day, 4);

    assertThat(sim.costExplorer().dailyCost("staging", RDS, day).doubleValue())
        .isCloseTo(before.doubleValue() * 4, within(0.01));
    assertThat(sim.costExplorer().dailyCost("staging", RDS, day.plusDays(1)).doubleValue())
        .isLessThan(before.doubleValue() * 1.1);
    assertThat(sim.costExplorer().dailyCost("prod", day)).isEqualTo(prodBefore);
    String amount =
        ce.getCostAndUsage(
                r ->
                    r.timePeriod(t -> t.start("2026-11-12").end("2026-11-13"))
                        .granularity("DAILY")
                        .metrics("UnblendedCost")
                        .filter(e -> e.tags(t -> t.key("Environment").values("staging"))))
            .resultsByTime()
            .get(0)
            .total()
            .get("UnblendedCost")
            .amount();
    assertThat(new BigDecimal(amount))
        .isEqualByComparingTo(sim.costExplorer().dailyCost("staging", day));
  }

  @Test
  void moreThanTwoGroupDefinitionsIsAValidationError() {
    assertThatThrownBy(
            () ->
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-01").end("2026-11-02"))
                            .granularity("DAILY")
                            .metrics("UnblendedCost")
                            .groupBy(
                                g -> g.type("TAG").key("Environment"),
                                g -> g.type("DIMENSION").key("SERVICE"),
                                g -> g.type("DIMENSION").key("USAGE_TYPE"))))
        .isInstanceOfSatisfying(
            CostExplorerException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            });
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::operation, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple("GetCostAndUsage", 400, "ValidationException"));
  }

  @Test
  void rangesCostExplorerRefusesAreRefused() {
    assertThatThrownBy(
            () ->
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-05").end("2026-11-05"))
                            .granularity("DAILY")
                            .metrics("UnblendedCost")))
        .isInstanceOf(CostExplorerException.class)
        .hasMessageContaining("Start date (and hour) should be before end date (and hour)");
    assertThatThrownBy(
            () ->
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-01").end("2026-12-02"))
                            .granularity("MONTHLY")
                            .metrics("UnblendedCost")))
        .isInstanceOf(CostExplorerException.class)
        .hasMessageContaining("end date past the beginning of next month");
    assertThatThrownBy(
            () ->
                ce.getCostAndUsage(
                    r ->
                        r.timePeriod(t -> t.start("2026-11-01").end("2026-11-02"))
                            .granularity("DAILY")
                            .metrics("UnblendedCost")
                            .groupBy(g -> g.type("DIMENSION").key("COLOUR"))))
        .isInstanceOf(CostExplorerException.class)
        .hasMessageContaining("Group Definition dimension is invalid");
  }

  @Test
  void throttlingIsLimitExceededWhichTheSdkDoesNotRetry() {
    sim.faults().throttle("ce", "GetCostAndUsage").times(2);
    Consumer<GetCostAndUsageRequest.Builder> request =
        r ->
            r.timePeriod(t -> t.start("2026-11-01").end("2026-11-02"))
                .granularity("DAILY")
                .metrics("UnblendedCost");

    // SDK 2.40.2 does not count LimitExceededException as throttling (it is not among its
    // throttling codes), so even a retrying client gives up after one call: the caller must back
    // off itself.
    try (CostExplorerClient retrying =
        SimulatorFixture.costExplorer(
            sim,
            c ->
                c.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build()))) {
      assertThatThrownBy(() -> retrying.getCostAndUsage(request))
          .isInstanceOfSatisfying(
              LimitExceededException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
                assertThat(e.isThrottlingException()).isFalse();
              });
      assertThat(sim.calls().count("ce", "GetCostAndUsage")).isEqualTo(1);
      assertThatThrownBy(() -> retrying.getCostAndUsage(request))
          .isInstanceOf(LimitExceededException.class);
      assertThat(retrying.getCostAndUsage(request).resultsByTime()).hasSize(1);
    }
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::errorCode)
        .containsExactly("LimitExceededException", "LimitExceededException", null);
  }

  @Test
  void dataUnavailableAndServerErrorsHaveCostExplorersShapes() {
    sim.costExplorer().dataUnavailable(true);
    assertThatThrownBy(() -> ce.getCostAndUsage(ONE_DAY))
        .isInstanceOfSatisfying(
            DataUnavailableException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    sim.costExplorer().reset();

    sim.faults().serverError("ce", null).times(1);
    assertThatThrownBy(() -> ce.getCostAndUsage(ONE_DAY))
        .isInstanceOfSatisfying(
            CostExplorerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::service, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(
            tuple("ce", 400, "DataUnavailableException"), tuple("ce", 500, "InternalFailure"));
  }

  @Test
  void errorsAreJsonWithTypeAndMessageAndBadBodiesAreRefused() throws Exception {
    HttpResponse<String> limit;
    sim.faults().throttle("ce", null).times(1);
    limit = post("AWSInsightsIndexService.GetCostAndUsage", "{}");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(limit.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(StrictJson.parse(limit.body()))
        .isEqualTo(
            StrictJson.object()
                .put("__type", "LimitExceededException")
                .put("message", "Rate exceeded"));

    HttpResponse<String> malformed = post("AWSInsightsIndexService.GetCostAndUsage", "{\"Time");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"__type\":\"SerializationException\"");

    HttpResponse<String> unknown = post("AWSInsightsIndexService.GetReservationCoverage", "{}");
    assertThat(unknown.body()).contains("\"__type\":\"UnknownOperationException\"");
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::operation, CallLog.Call::errorCode)
        .containsExactly(
            tuple("GetCostAndUsage", "LimitExceededException"),
            tuple("GetCostAndUsage", "SerializationException"),
            tuple("GetReservationCoverage", "UnknownOperationException"));
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(sim.endpoint())
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/ce/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The cost of one environment (one service, or all if null) over [from, to). */
  private BigDecimal sum(String env, String service, LocalDate from, LocalDate to) {
    BigDecimal sum = BigDecimal.ZERO;
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      sum = sum.add(sim.costExplorer().dailyCost(env, service, d));
    }
    return sum;
  }

  private static Percentage within(double fraction) {
    return Percentage.withPercentage(fraction * 100);
  }

  private static int compare(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }
}
