package io.stackwatch.simulator;

import static io.stackwatch.simulator.SimulatorFixture.HOUR_AGO;
import static io.stackwatch.simulator.SimulatorFixture.NOW;
import static io.stackwatch.simulator.SimulatorFixture.lastHour;
import static io.stackwatch.simulator.SimulatorFixture.query;
import static io.stackwatch.simulator.SimulatorFixture.rdsCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

@Tag("simulator")
class GetMetricDataTest {

  private AwsSimulator sim;
  private CloudWatchClient cw;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    cw = SimulatorFixture.clientWithoutRetries(sim);
  }

  @AfterEach
  void stop() {
    cw.close();
    sim.close();
  }

  @Test
  void lastHourAtOneMinuteHasSixtyPointsUpToTheLastCompleteMinute() {
    GetMetricDataResponse response = cw.getMetricData(lastHour(rdsCpu("cpu", "prod-db")));

    MetricDataResult result = response.metricDataResults().get(0);
    assertThat(result.id()).isEqualTo("cpu");
    assertThat(result.label()).isEqualTo("CPUUtilization");
    assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(result.timestamps()).hasSize(60).hasSameSizeAs(result.values());
    // TimestampDescending is AWS's default: newest first, and 12:00 is not complete yet.
    assertThat(result.timestamps().get(0)).isEqualTo(Instant.parse("2026-11-26T11:59:00Z"));
    assertThat(result.timestamps().get(59)).isEqualTo(HOUR_AGO);
    assertThat(result.values()).allSatisfy(v -> assertThat(v).isBetween(15.0, 45.0));
    assertThat(response.nextToken()).isNull();
  }

  @Test
  void sameQueryTwiceGivesTheSameValuesAndAnotherSeedDoesNot() {
    List<Double> first = SimulatorFixture.lastHourValues(cw, rdsCpu("cpu", "prod-db"));
    List<Double> second = SimulatorFixture.lastHourValues(cw, rdsCpu("cpu", "prod-db"));
    assertThat(second).isEqualTo(first);
    assertThat(first).doesNotHaveDuplicates(); // noise, not a constant

    try (AwsSimulator other = AwsSimulator.start(0, SimulatorFixture.fixedClock(), 7);
        CloudWatchClient otherCw = SimulatorFixture.clientWithoutRetries(other)) {
      assertThat(SimulatorFixture.lastHourValues(otherCw, rdsCpu("cpu", "prod-db")))
          .isNotEqualTo(first);
    }
  }

  @Test
  void windowsOverlappingAgreeOnTheirCommonPoints() {
    MetricDataQuery cpu = rdsCpu("cpu", "prod-db");
    Map<Instant, Double> hour = byTimestamp(cw.getMetricData(lastHour(cpu)));
    Map<Instant, Double> tenMinutes =
        byTimestamp(
            cw.getMetricData(
                r ->
                    r.startTime(NOW.minus(Duration.ofMinutes(10)))
                        .endTime(NOW.plus(Duration.ofHours(1)))
                        .metricDataQueries(cpu)));
    assertThat(tenMinutes).hasSize(10);
    tenMinutes.forEach((t, v) -> assertThat(hour).containsEntry(t, v));
  }

  @Test
  void scanByOrdersTimestamps() {
    MetricDataQuery cpu = rdsCpu("cpu", "prod-db");
    MetricDataResult ascending =
        cw.getMetricData(lastHour(cpu).toBuilder().scanBy(ScanBy.TIMESTAMP_ASCENDING).build())
            .metricDataResults()
            .get(0);
    MetricDataResult descending =
        cw.getMetricData(lastHour(cpu).toBuilder().scanBy(ScanBy.TIMESTAMP_DESCENDING).build())
            .metricDataResults()
            .get(0);

    assertThat(ascending.timestamps()).isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(descending.timestamps()).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(ascending.values()).isEqualTo(reversed(descending.values()));
  }

  @Test
  void fiveMinutePeriodsAlignToTheClockAndSumsScaleWithThePeriod() {
    MetricDataQuery perMinute =
        query("m", "AWS/ApplicationELB", "RequestCount", "Sum", 60, "LoadBalancer", alb("prod"));
    MetricDataQuery perFive =
        query("f", "AWS/ApplicationELB", "RequestCount", "Sum", 300, "LoadBalancer", alb("prod"));
    GetMetricDataResponse response =
        cw.getMetricData(
            r ->
                r.startTime(Instant.parse("2026-11-26T11:02:30Z"))
                    .endTime(NOW)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .metricDataQueries(perMinute, perFive));

    MetricDataResult five = response.metricDataResults().get(1);
    assertThat(five.timestamps())
        .first()
        .isEqualTo(Instant.parse("2026-11-26T11:05:00Z")); // first aligned start inside the window
    assertThat(five.timestamps())
        .hasSize(11)
        .last()
        .isEqualTo(Instant.parse("2026-11-26T11:55:00Z"));
    double minuteSum =
        response.metricDataResults().get(0).values().stream().mapToDouble(v -> v).sum();
    double fiveSum = five.values().stream().mapToDouble(v -> v).sum();
    // 57 one-minute points vs 55 minutes in five-minute points: same traffic, within noise
    assertThat(fiveSum / 55).isCloseTo(minuteSum / 57, withPercentage(5));
    assertThat(five.values()).allSatisfy(v -> assertThat(v % 1).isZero());
  }

  @Test
  void unknownMetricsAnswerEmptyAndComplete() {
    GetMetricDataResponse response =
        cw.getMetricData(
            lastHour(
                query("nope", "Custom/App", "Orders", "Sum", 60, "Shop", "prod-shop"),
                query(
                    "wrongdim",
                    "AWS/RDS",
                    "CPUUtilization",
                    "Average",
                    60,
                    "DBClusterIdentifier",
                    "prod-db"),
                rdsCpu("known", "prod-db")));

    assertThat(response.metricDataResults()).hasSize(3);
    for (MetricDataResult r : response.metricDataResults().subList(0, 2)) {
      assertThat(r.timestamps()).isEmpty();
      assertThat(r.values()).isEmpty();
      assertThat(r.statusCode()).isEqualTo(StatusCode.COMPLETE);
    }
    assertThat(response.metricDataResults().get(2).values()).hasSize(60);
  }

  @Test
  void labelsEchoAndReturnDataFalseIsLeftOut() {
    MetricDataQuery labelled = rdsCpu("cpu", "prod-db").toBuilder().label("DB <prod> & co").build();
    MetricDataQuery hidden = rdsCpu("hidden", "prod-db").toBuilder().returnData(false).build();
    List<MetricDataResult> results =
        cw.getMetricData(lastHour(labelled, hidden)).metricDataResults();
    assertThat(results).extracting(MetricDataResult::id).containsExactly("cpu");
    assertThat(results.get(0).label()).isEqualTo("DB <prod> & co");
  }

  @Test
  void fiveHundredQueriesAreAcceptedAndFiveHundredAndOneRejected() {
    List<MetricDataQuery> queries = manyQueries(501);

    GetMetricDataResponse ok =
        cw.getMetricData(lastHour(queries.subList(0, 500).toArray(MetricDataQuery[]::new)));
    assertThat(ok.metricDataResults()).hasSize(500);

    assertThatThrownBy(() -> cw.getMetricData(lastHour(queries.toArray(MetricDataQuery[]::new))))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "The collection MetricDataQueries must not have a size greater than 500.");
            });
    assertThat(sim.calls().queriesRequested("monitoring", "GetMetricData")).isEqualTo(1001);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::queries, CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple(500, 200, null), tuple(501, 400, "InvalidParameterValue"));
  }

  @Test
  void rejectsPeriodsCloudWatchRejects() {
    for (int period : new int[] {1, 5, 10, 30, 60, 300, 3600, 86400}) {
      cw.getMetricData(
          lastHour(
              query(
                  "q",
                  "AWS/RDS",
                  "CPUUtilization",
                  "Average",
                  period,
                  "DBInstanceIdentifier",
                  "prod-db")));
    }
    for (int period : new int[] {2, 45, 90, 0, -60}) {
      assertError(
          lastHour(
              query(
                  "q",
                  "AWS/RDS",
                  "CPUUtilization",
                  "Average",
                  period,
                  "DBInstanceIdentifier",
                  "prod-db")),
          "InvalidParameterValue",
          "Period");
    }
  }

  @Test
  void rejectsBadStatistics() {
    for (String stat :
        new String[] {
          "Average",
          "Sum",
          "Minimum",
          "Maximum",
          "SampleCount",
          "p50",
          "p99",
          "p99.9",
          "p99.99",
          "p100"
        }) {
      cw.getMetricData(
          lastHour(
              query("q", "AWS/RDS", "ReadLatency", stat, 60, "DBInstanceIdentifier", "prod-db")));
    }
    for (String stat : new String[] {"Avg", "average", "p", "p101", "p99.999", "tm99"}) {
      assertError(
          lastHour(
              query("q", "AWS/RDS", "ReadLatency", stat, 60, "DBInstanceIdentifier", "prod-db")),
          "InvalidParameterValue",
          "statistic");
    }
  }

  @Test
  void rejectsInvalidAndDuplicateIds() {
    for (String id : new String[] {"Cpu", "1cpu", "cpu-1", "_cpu"}) {
      assertError(lastHour(rdsCpu(id, "prod-db")), "ValidationError", id);
    }
    assertError(
        lastHour(rdsCpu("cpu", "prod-db"), rdsCpu("cpu", "staging-db")),
        "ValidationError",
        "unique");
    cw.getMetricData(lastHour(rdsCpu("cpu_Prod1", "prod-db")));
  }

  @Test
  void rejectsAWindowThatEndsBeforeItStarts() {
    assertError(
        lastHour(rdsCpu("cpu", "prod-db")).toBuilder().startTime(NOW).endTime(NOW).build(),
        "InvalidParameterValue",
        "StartTime");
    assertError(
        lastHour(rdsCpu("cpu", "prod-db")).toBuilder().startTime(NOW).endTime(HOUR_AGO).build(),
        "InvalidParameterValue",
        "StartTime");
  }

  @Test
  void expressionsAreOutOfScope() {
    MetricDataQuery expression = MetricDataQuery.builder().id("e1").expression("cpu * 2").build();
    assertError(
        lastHour(rdsCpu("cpu", "prod-db"), expression), "InvalidParameterValue", "expressions");
  }

  @Test
  void unknownActionsAreRefused() {
    assertThatThrownBy(() -> cw.describeAlarms())
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
    assertThat(sim.calls().count("monitoring", "DescribeAlarms")).isEqualTo(1);
  }

  @Test
  void pagesFollowedByThePaginatorDeliverEveryPointOnce() {
    sim.cloudWatch().pageSize(25);
    List<MetricDataQuery> queries =
        manyQueries(4); // 4 x 60 = 240 points: 9 full pages of 25 and one of 15
    GetMetricDataResponse whole =
        cw.getMetricData(
            lastHour(queries.toArray(MetricDataQuery[]::new)).toBuilder()
                .maxDatapoints(1000)
                .build());
    assertThat(whole.nextToken()).isNotNull(); // page size caps even a generous MaxDatapoints
    sim.calls().clear();

    List<GetMetricDataResponse> pages = new ArrayList<>();
    cw.getMetricDataPaginator(lastHour(queries.toArray(MetricDataQuery[]::new)))
        .forEach(pages::add);

    assertThat(pages).hasSize(10);
    assertThat(pages.subList(0, 9)).allSatisfy(p -> assertThat(p.nextToken()).isNotBlank());
    assertThat(pages.get(9).nextToken()).isNull();
    assertThat(pages)
        .allSatisfy(
            p ->
                assertThat(p.metricDataResults().stream().mapToInt(r -> r.values().size()).sum())
                    .isLessThanOrEqualTo(25));
    assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo(10);
    assertThat(sim.calls().queriesRequested("monitoring", "GetMetricData")).isEqualTo(40);

    // Joined by Id, the pages give exactly what one unpaged call gives.
    sim.cloudWatch().pageSize(100_800);
    Map<String, List<Double>> unpaged =
        valuesById(List.of(cw.getMetricData(lastHour(queries.toArray(MetricDataQuery[]::new)))));
    assertThat(valuesById(pages)).isEqualTo(unpaged);
    assertThat(unpaged.values()).allSatisfy(v -> assertThat(v).hasSize(60));
    // A result cut by a page boundary says so.
    assertThat(pages.get(0).metricDataResults())
        .extracting(MetricDataResult::statusCode)
        .containsExactly(StatusCode.PARTIAL_DATA);
  }

  @Test
  void maxDatapointsPagesToo() {
    GetMetricDataResponse first =
        cw.getMetricData(lastHour(rdsCpu("cpu", "prod-db")).toBuilder().maxDatapoints(40).build());
    assertThat(first.metricDataResults().get(0).values()).hasSize(40);
    GetMetricDataResponse second =
        cw.getMetricData(
            lastHour(rdsCpu("cpu", "prod-db")).toBuilder()
                .maxDatapoints(40)
                .nextToken(first.nextToken())
                .build());
    assertThat(second.metricDataResults().get(0).values()).hasSize(20);
    assertThat(second.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void aTokenOnlyResumesTheRequestItCameFrom() {
    sim.cloudWatch().pageSize(10);
    String token = cw.getMetricData(lastHour(rdsCpu("cpu", "prod-db"))).nextToken();
    assertError(
        lastHour(rdsCpu("cpu", "staging-db")).toBuilder().nextToken(token).build(),
        "InvalidNextToken",
        "NextToken");
    assertError(
        lastHour(rdsCpu("cpu", "prod-db")).toBuilder().nextToken("garbage").build(),
        "InvalidNextToken",
        "NextToken");
  }

  private void assertError(GetMetricDataRequest request, String code, String messagePart) {
    assertThatThrownBy(() -> cw.getMetricData(request))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase(messagePart);
            });
  }

  /** Queries over distinct series of the estate, like a poll across many resources. */
  static List<MetricDataQuery> manyQueries(int n) {
    return IntStream.range(0, n).mapToObj(i -> rdsCpu("q" + i, "prod-db" + i)).toList();
  }

  private static String alb(String env) {
    return "app/" + env + "-alb/50dc6c495c0c9188";
  }

  private static Map<Instant, Double> byTimestamp(GetMetricDataResponse response) {
    MetricDataResult r = response.metricDataResults().get(0);
    Map<Instant, Double> map = new HashMap<>();
    for (int i = 0; i < r.timestamps().size(); i++) {
      map.put(r.timestamps().get(i), r.values().get(i));
    }
    return map;
  }

  private static Map<String, List<Double>> valuesById(List<GetMetricDataResponse> pages) {
    Map<String, List<Double>> byId = new HashMap<>();
    for (GetMetricDataResponse page : pages) {
      for (MetricDataResult r : page.metricDataResults()) {
        byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.values());
      }
    }
    return byId;
  }

  private static List<Double> reversed(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    Collections.reverse(copy);
    return copy;
  }
}
