package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.series.Points;
import io.stackwatch.series.Series;
import io.stackwatch.series.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
class AlarmEvaluatorTest {

  /** Half a minute into the 12:05 period: the newest complete period is 12:04. */
  private static final Instant NOW = Instant.parse("2026-11-26T12:05:30Z");

  private static final Instant NEWEST_PERIOD = Instant.parse("2026-11-26T12:04:00Z");

  /**
   * AWS's tables in "How alarm state is evaluated when data is missing" (CloudWatch User Guide),
   * row by row: 5 datapoints in the evaluation range, oldest first, 0 within the threshold, X
   * breaching, - missing; "Retain current state" is RETAIN. The last three rows are from an earlier
   * edition of the page, which the current edition's "premature alarm state" row replaced; they
   * follow from the same rules.
   */
  @ParameterizedTest(name = "{0} with {2} out of {1}: {3} {4} {5} {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # datapoints | N | M | MISSING           | IGNORE | BREACHING | NOT BREACHING
          0 - X - X    | 3 | 3 | OK                | OK     | OK        | OK
          0 - - - -    | 3 | 3 | OK                | OK     | OK        | OK
          - - - - -    | 3 | 3 | INSUFFICIENT_DATA | RETAIN | ALARM     | OK
          0 X X - X    | 3 | 3 | ALARM             | ALARM  | ALARM     | ALARM
          - - X - -    | 3 | 3 | ALARM             | RETAIN | ALARM     | OK
          0 - X - X    | 3 | 2 | ALARM             | ALARM  | ALARM     | ALARM
          0 0 X 0 X    | 3 | 2 | ALARM             | ALARM  | ALARM     | ALARM
          0 - X - -    | 3 | 2 | OK                | OK     | ALARM     | OK
          - - - - 0    | 3 | 2 | OK                | OK     | ALARM     | OK
          - - - X -    | 3 | 2 | ALARM             | RETAIN | ALARM     | OK
          - - - - X    | 3 | 3 | INSUFFICIENT_DATA | RETAIN | ALARM     | OK
          X - - - -    | 3 | 3 | ALARM             | RETAIN | ALARM     | OK
          - - - - X    | 3 | 2 | INSUFFICIENT_DATA | RETAIN | ALARM     | OK
          """)
  void followsAwsDocumentedMissingDataTable(
      String datapoints,
      int n,
      int m,
      String missing,
      String ignore,
      String breaching,
      String notBreaching) {
    Map<MissingData, String> expected =
        Map.of(
            MissingData.MISSING, missing,
            MissingData.IGNORE, ignore,
            MissingData.BREACHING, breaching,
            MissingData.NOT_BREACHING, notBreaching);
    SoftAssertions softly = new SoftAssertions();
    expected.forEach(
        (treatment, outcome) -> {
          for (AlarmState previous : AlarmState.values()) {
            AlarmState want = outcome.equals("RETAIN") ? previous : AlarmState.valueOf(outcome);
            Evaluation e =
                AlarmEvaluator.evaluate(
                    awsExample(datapoints), tableAlarm(n, m, treatment), previous, NOW);
            softly
                .assertThat(e.state())
                .as("%s, previously %s: %s", treatment.yamlName(), previous, e.reason())
                .isEqualTo(want);
          }
        });
    softly.assertAll();
  }

  /** Values and threshold read in the series' unit: bytes as GB, never 1.053679596E10. */
  @Test
  void aReasonWritesValuesInTheSeriesUnit() {
    AlarmInstance storage = SeedStack.instance("dev", "rds-free-storage-low");
    Instant start = Instant.parse("2026-11-26T12:00:00Z");
    double[] minutes = new double[5];
    Arrays.fill(minutes, 1.053679596E9);

    Evaluation e =
        AlarmEvaluator.evaluate(
            points(start, minutes), storage, AlarmState.OK, start.plusSeconds(5 * 60 + 30));

    assertThat(e.state()).isEqualTo(AlarmState.ALARM);
    assertThat(e.reason())
        .startsWith(
            "Threshold Crossed: 5 out of the last 5 datapoints [1,005 MB (26/11/26 12:04:00),")
        .contains(
            "were less than the threshold ("
                + Unit.BYTES.format(storage.threshold().orElseThrow())
                + ")")
        .doesNotContainPattern("\\dE\\d");
  }

  @Test
  void prodCpuAlarmsExactlyAtTheThirdBreachingMinuteAndRecoversOnHealthyOnes() {
    AlarmInstance cpu = SeedStack.instance("prod", "rds-cpu-high");
    double[] minutes = {70, 91, 88, 85, 40, 42, 45};
    Instant start = Instant.parse("2026-11-26T12:00:00Z");

    List<AlarmState> states = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    AlarmState state = AlarmState.INSUFFICIENT_DATA;
    for (int i = 0; i < minutes.length; i++) {
      // Evaluated 30 s after the minute of point i has ended, with the points so far.
      Instant now = start.plusSeconds(60L * (i + 1) + 30);
      Evaluation e =
          AlarmEvaluator.evaluate(points(start, Arrays.copyOf(minutes, i + 1)), cpu, state, now);
      state = e.state();
      states.add(state);
      reasons.add(e.reason());
    }

    assertThat(states)
        .containsExactly(
            AlarmState.OK,
            AlarmState.OK,
            AlarmState.OK,
            AlarmState.ALARM,
            AlarmState.OK,
            AlarmState.OK,
            AlarmState.OK);
    assertThat(reasons.get(3))
        .isEqualTo(
            "Threshold Crossed: 3 out of the last 3 datapoints [85 % (26/11/26 12:03:00), 88 %"
                + " (26/11/26 12:02:00), 91 % (26/11/26 12:01:00)] were greater than the"
                + " threshold (80 %) (minimum 3 datapoints for OK -> ALARM transition).");
    assertThat(reasons.get(4))
        .isEqualTo(
            "Threshold Crossed: 1 out of the last 3 datapoints [40 % (26/11/26 12:04:00)] was not"
                + " greater than the threshold (80 %) (minimum 1 datapoint for ALARM -> OK"
                + " transition).");
    assertThat(reasons.get(6))
        .isEqualTo(
            "Threshold Crossed: 3 out of the last 3 datapoints [45 % (26/11/26 12:06:00), 42 %"
                + " (26/11/26 12:05:00), 40 % (26/11/26 12:04:00)] were not greater than the"
                + " threshold (80 %) (minimum 1 datapoint for ALARM -> OK transition).");
  }

  @Test
  void evictionsRisingEveryMinuteForFivePeriodsAlarm() {
    AlarmInstance evictions =
        SeedStack.instance("prod", "cache-evictions-increasing:prod-redis-001");

    Evaluation e =
        AlarmEvaluator.evaluate(
            points(NEWEST_PERIOD.minusSeconds(300), 0, 2, 5, 9, 14, 20),
            evictions,
            AlarmState.OK,
            NOW);

    assertThat(e.state()).isEqualTo(AlarmState.ALARM);
    assertThat(e.reason())
        .isEqualTo(
            "Threshold Crossed: 5 out of the last 5 datapoints [20 (26/11/26 12:04:00), 14"
                + " (26/11/26 12:03:00), 9 (26/11/26 12:02:00), 5 (26/11/26 12:01:00), 2"
                + " (26/11/26 12:00:00)] were greater than the datapoint before (minimum 5"
                + " datapoints for OK -> ALARM transition).");
    assertThat(e.value()).contains(20.0);
    assertThat(e.evaluatedValues()).containsExactly(2.0, 5.0, 9.0, 14.0, 20.0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          flat                                  | 7, 7, 7, 7, 7, 7
          rising but one minute level           | 0, 2, 5, 5, 14, 20
          falling                               | 20, 14, 9, 5, 2, 0
          five rising points are four increases | NaN, 2, 5, 9, 14, 20
          """)
  void evictionsNotRisingEveryPeriodStayOk(String why, String values) {
    AlarmInstance evictions =
        SeedStack.instance("prod", "cache-evictions-increasing:prod-redis-001");
    double[] v = Arrays.stream(values.split(",")).mapToDouble(s -> Double.parseDouble(s)).toArray();

    Evaluation e =
        AlarmEvaluator.evaluate(
            points(NEWEST_PERIOD.minusSeconds(300), v), evictions, AlarmState.ALARM, NOW);

    assertThat(e.state()).as(e.reason()).isEqualTo(AlarmState.OK);
  }

  @Test
  void aFlatLineSaysItWasNotIncreasingInCloudWatchWords() {
    AlarmInstance evictions =
        SeedStack.instance("prod", "cache-evictions-increasing:prod-redis-001");

    Evaluation e =
        AlarmEvaluator.evaluate(
            points(NEWEST_PERIOD.minusSeconds(300), 0, 0, 0, 0, 0, 0),
            evictions,
            AlarmState.ALARM,
            NOW);

    assertThat(e.reason())
        .isEqualTo(
            "Threshold Crossed: 5 out of the last 5 datapoints [0 (26/11/26 12:04:00), 0"
                + " (26/11/26 12:03:00), 0 (26/11/26 12:02:00), 0 (26/11/26 12:01:00), 0"
                + " (26/11/26 12:00:00)] were not greater than the datapoint before (minimum 1"
                + " datapoint for ALARM -> OK transition).");
  }

  @ParameterizedTest(name = "{0} {1} {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          80   | >  | 80 | OK
          80   | >= | 80 | ALARM
          80   | <  | 80 | OK
          80   | <= | 80 | ALARM
          79.9 | >  | 80 | OK
          79.9 | >= | 80 | OK
          79.9 | <  | 80 | ALARM
          79.9 | <= | 80 | ALARM
          """)
  void comparesAtTheThresholdAsTheOperatorSays(
      double value, String operator, double threshold, AlarmState expected) {
    AlarmInstance alarm =
        alarm(Comparison.parse(operator).orElseThrow(), threshold, 1, 1, MissingData.MISSING);

    Evaluation e = AlarmEvaluator.evaluate(points(NEWEST_PERIOD, value), alarm, AlarmState.OK, NOW);

    assertThat(e.state()).isEqualTo(expected);
  }

  @Test
  void theIncompleteCurrentPeriodIsNotEvaluated() {
    AlarmInstance alarm = alarm(Comparison.GREATER_THAN, 50, 1, 1, MissingData.MISSING);

    // 12:05 is still running at 12:05:30, so its 99 is not final and not used.
    Evaluation e =
        AlarmEvaluator.evaluate(points(NEWEST_PERIOD, 10, 99), alarm, AlarmState.ALARM, NOW);

    assertThat(e.state()).isEqualTo(AlarmState.OK);
    assertThat(e.value()).contains(10.0);
  }

  @Test
  void looksPastMissingPeriodsForTheNMostRecentRealDatapoints() {
    AlarmInstance alarm = alarm(Comparison.GREATER_THAN, 50, 3, 3, MissingData.BREACHING);

    Evaluation e = AlarmEvaluator.evaluate(awsExample("X X - X -"), alarm, AlarmState.OK, NOW);

    assertThat(e.state()).isEqualTo(AlarmState.ALARM);
    assertThat(e.evaluatedValues()).containsExactly(90.0, 90.0, 90.0);
    assertThat(e.reason())
        .startsWith("Threshold Crossed: 3 out of the last 3 datapoints [90 (26/11/26 12:03:00),");
  }

  @Test
  void nanValuesAreMissingDatapoints() {
    AlarmInstance alarm = alarm(Comparison.GREATER_THAN, 50, 3, 3, MissingData.MISSING);

    Evaluation e =
        AlarmEvaluator.evaluate(
            points(
                NEWEST_PERIOD.minusSeconds(240),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN),
            alarm,
            AlarmState.OK,
            NOW);

    assertThat(e.state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(e.reason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
    assertThat(e.value()).isEmpty();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          - - - - - | breaching    | ALARM | Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].
          - - - - - | notBreaching | OK    | Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [NonBreaching].
          0 - - - - | breaching    | OK    | Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [Breaching].
          - - X X - | breaching    | ALARM | Threshold Crossed: 2 datapoints were received for 3 periods and 1 missing datapoint was treated as [Breaching].
          - - - - X | missing      | INSUFFICIENT_DATA | Insufficient Data: 2 datapoints were unknown.
          - - - - - | ignore       | ALARM | Missing data ignored: no datapoints were received for 3 periods, so the alarm stays ALARM.
          - - X - - | missing      | ALARM | Threshold Crossed: 1 out of the last 3 datapoints [90 (26/11/26 12:02:00)] was greater than the threshold (50) (minimum 3 datapoints for OK -> ALARM transition).
          """)
  void explainsMissingDataInCloudWatchWords(
      String datapoints, String treatment, AlarmState state, String reason) {
    AlarmInstance alarm =
        alarm(Comparison.GREATER_THAN, 50, 3, 3, MissingData.parse(treatment).orElseThrow());

    Evaluation e = AlarmEvaluator.evaluate(awsExample(datapoints), alarm, AlarmState.ALARM, NOW);

    assertThat(e.state()).isEqualTo(state);
    assertThat(e.reason()).isEqualTo(reason);
  }

  @Test
  void aTransitionIsOnlyAChangeOfState() {
    AlarmInstance alarm = alarm(Comparison.GREATER_THAN, 50, 1, 1, MissingData.MISSING);
    Evaluation e = AlarmEvaluator.evaluate(points(NEWEST_PERIOD, 90), alarm, AlarmState.ALARM, NOW);

    assertThat(e.changes(AlarmState.ALARM)).isFalse();
    assertThat(e.changes(AlarmState.OK)).isTrue();
  }

  @Test
  void theRangeReachesBackNPlusTwoPeriodsAndOneMoreForATrend() {
    assertThat(AlarmEvaluator.rangeStart(SeedStack.instance("prod", "rds-cpu-high"), NOW))
        .isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(
            AlarmEvaluator.rangeStart(
                SeedStack.instance("prod", "cache-evictions-increasing:prod-redis-001"), NOW))
        .isEqualTo(Instant.parse("2026-11-26T11:57:00Z"));
  }

  /** The five periods of an AWS table row ending at the newest complete period. */
  private static Points awsExample(String datapoints) {
    String[] marks = datapoints.trim().split("\\s+");
    double[] values = new double[marks.length];
    for (int i = 0; i < marks.length; i++) {
      values[i] =
          switch (marks[i]) {
            case "0" -> 10;
            case "X" -> 90;
            default -> Double.NaN;
          };
    }
    return points(NEWEST_PERIOD.minusSeconds(60L * (marks.length - 1)), values);
  }

  /** One point a minute from {@code first}; NaN leaves the minute out. */
  private static Points points(Instant first, double... values) {
    List<Long> times = new ArrayList<>();
    List<Double> kept = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) || i % 2 == 0) {
        // Store some gaps as absent points and some as NaN values: both are missing.
        times.add(first.getEpochSecond() + 60L * i);
        kept.add(values[i]);
      }
    }
    return new Points(
        times.stream().mapToLong(Long::longValue).toArray(),
        kept.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static AlarmInstance tableAlarm(int n, int m, MissingData treatment) {
    return alarm(Comparison.GREATER_THAN, 50, n, m, treatment);
  }

  private static AlarmInstance alarm(
      Comparison comparison, double threshold, int n, int m, MissingData treatment) {
    AlarmRule rule =
        new AlarmRule(
            "test-alarm",
            "Test alarm",
            Severity.WARNING,
            new AlarmSource.SeriesRef("test.series"),
            comparison,
            Optional.of(new Threshold.Absolute(threshold)),
            n,
            m,
            treatment,
            "Nothing to do.",
            Map.of());
    Series series =
        new Series("test.series", "test", "Test", Unit.COUNT, Optional.empty(), Duration.ZERO);
    return new AlarmInstance("test-alarm", "test", rule, series, 60, Optional.of(threshold));
  }
}
