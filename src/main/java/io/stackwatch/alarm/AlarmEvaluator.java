package io.stackwatch.alarm;

import io.stackwatch.series.Points;
import io.stackwatch.series.Unit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates an alarm instance as CloudWatch evaluates a metric alarm, as a pure function of the
 * series' points, the alarm's previous state and the time.
 *
 * <p>The evaluated periods are the most recent complete ones before {@code now}, aligned to the
 * period (a point's timestamp is the start of its period). Like CloudWatch, the evaluation looks
 * further back than N periods when some are missing: its <em>evaluation range</em> is N + {@value
 * #EXTRA_PERIODS} periods, the five periods AWS's documented example retrieves for N = 3. Then:
 *
 * <ul>
 *   <li>With at least N real datapoints in the range, the N most recent of them are evaluated and
 *       the missing-data treatment is not used: M breaching is ALARM, fewer is OK.
 *   <li>With fewer, {@code breaching} and {@code notBreaching} fill in only as many periods as are
 *       short of N, and M breaching among real and filled ones is ALARM.
 *   <li>With fewer under {@code missing} or {@code ignore}: M real breaching datapoints are ALARM;
 *       a real non-breaching one is OK. When every real one breaches but they are fewer than M,
 *       {@code missing} still goes to ALARM if the oldest breaching one is at least M periods old
 *       (AWS's "premature alarm state" rule) and otherwise to INSUFFICIENT_DATA; {@code ignore}
 *       keeps the previous state. With no real datapoint at all, {@code missing} is
 *       INSUFFICIENT_DATA and {@code ignore} keeps the previous state.
 * </ul>
 *
 * <p>For {@code increasing} and {@code decreasing} a period's datapoint breaches when its value is
 * strictly above (below) the value of the period before, so a datapoint exists only where both
 * periods have one and N increases need N + 1 points; otherwise the same rules apply.
 */
public final class AlarmEvaluator {

  /** Periods read beyond the N evaluated, to look further back when some are missing. */
  static final int EXTRA_PERIODS = 2;

  /** CloudWatch's datapoint time format in state reasons, in UTC. */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

  private AlarmEvaluator() {}

  /** A period's datapoint and its verdict; age 1 is the newest complete period. */
  private record Datapoint(Instant at, double value, boolean breaching, int age) {}

  /**
   * The start of the oldest period an evaluation at {@code now} reads: fetch or copy points from
   * here on.
   */
  public static Instant rangeStart(AlarmInstance instance, Instant now) {
    long period = instance.periodSeconds();
    int raw = rangeSize(instance) + (instance.rule().comparison().isTrend() ? 1 : 0);
    return Instant.ofEpochSecond(newestPeriodStart(now, period) - (raw - 1) * period);
  }

  /**
   * Evaluates one alarm instance.
   *
   * @param points the series' points, oldest first; NaN values count as missing
   * @param instance the bound alarm
   * @param previous the state after the last evaluation ({@link AlarmState#INSUFFICIENT_DATA} for a
   *     new alarm), kept by {@code ignore}
   * @param now the evaluation time; the period containing it is incomplete and not evaluated
   */
  public static Evaluation evaluate(
      Points points, AlarmInstance instance, AlarmState previous, Instant now) {
    AlarmRule rule = instance.rule();
    int n = rule.evaluationPeriods();
    List<Datapoint> real = datapoints(points, instance, now);
    if (real.size() >= n) {
      List<Datapoint> newest = real.subList(0, n);
      return verdict(newest, breachingCount(newest) >= rule.datapointsToAlarm(), instance);
    }
    return switch (rule.treatMissingData()) {
      case BREACHING, NOT_BREACHING -> filled(real, instance);
      case MISSING, IGNORE -> unfilled(real, instance, previous);
    };
  }

  /** The real datapoints of the evaluation range, newest first. */
  private static List<Datapoint> datapoints(Points points, AlarmInstance instance, Instant now) {
    long period = instance.periodSeconds();
    Comparison comparison = instance.rule().comparison();
    int rangeSize = rangeSize(instance);
    // A trend needs the period before the oldest one to judge it.
    int rawSize = rangeSize + (comparison.isTrend() ? 1 : 0);
    long first = newestPeriodStart(now, period) - (rawSize - 1) * period;
    double[] raw = new double[rawSize];
    Arrays.fill(raw, Double.NaN);
    for (int i = 0; i < points.size(); i++) {
      long slot = Math.floorDiv(points.epochSeconds()[i] - first, period);
      if (slot >= 0 && slot < rawSize) {
        raw[(int) slot] = points.values()[i];
      }
    }
    List<Datapoint> real = new ArrayList<>();
    for (int age = 1; age <= rangeSize; age++) {
      int slot = rawSize - age;
      double value = raw[slot];
      if (!Double.isFinite(value)) {
        continue;
      }
      double reference;
      if (comparison.isTrend()) {
        reference = raw[slot - 1];
        if (!Double.isFinite(reference)) {
          continue;
        }
      } else {
        reference = instance.threshold().orElseThrow();
      }
      Instant at = Instant.ofEpochSecond(first + slot * period);
      real.add(new Datapoint(at, value, comparison.breaches(value, reference), age));
    }
    return real;
  }

  /** Fewer real datapoints than N under breaching or notBreaching: fill in only the shortfall. */
  private static Evaluation filled(List<Datapoint> real, AlarmInstance instance) {
    AlarmRule rule = instance.rule();
    int n = rule.evaluationPeriods();
    int shortfall = n - real.size();
    int filledBreaching = rule.treatMissingData() == MissingData.BREACHING ? shortfall : 0;
    boolean alarm = breachingCount(real) + filledBreaching >= rule.datapointsToAlarm();
    String received =
        real.isEmpty()
            ? "no datapoints were"
            : count(real.size(), "datapoint") + (real.size() == 1 ? " was" : " were");
    String reason =
        "Threshold Crossed: "
            + received
            + " received for "
            + n
            + " periods and "
            + count(shortfall, "missing datapoint")
            + (shortfall == 1 ? " was" : " were")
            + " treated as ["
            + rule.treatMissingData().reasonLabel()
            + "].";
    return evaluation(alarm ? AlarmState.ALARM : AlarmState.OK, real, reason);
  }

  /** Fewer real datapoints than N under missing or ignore: nothing is filled in. */
  private static Evaluation unfilled(
      List<Datapoint> real, AlarmInstance instance, AlarmState previous) {
    AlarmRule rule = instance.rule();
    boolean missing = rule.treatMissingData() == MissingData.MISSING;
    int unknown = rule.evaluationPeriods() - real.size();
    if (real.isEmpty()) {
      return missing ? insufficient(unknown) : retained(previous, real, instance);
    }
    int breaching = breachingCount(real);
    if (breaching >= rule.datapointsToAlarm()) {
      return verdict(real, true, instance);
    }
    if (breaching < real.size()) {
      // A real datapoint within the threshold settles it: OK.
      return verdict(real, false, instance);
    }
    // Every real datapoint breaches, yet they are fewer than M. AWS: the alarm goes to ALARM
    // when the oldest breaching one is at least M periods old and all newer ones breach or are
    // missing; a lone breaching point in the newest periods may still be followed by good ones.
    int oldestAge = real.get(real.size() - 1).age();
    if (missing && oldestAge >= rule.datapointsToAlarm()) {
      return verdict(real, true, instance);
    }
    return missing ? insufficient(unknown) : retained(previous, real, instance);
  }

  /**
   * A threshold verdict on the given datapoints, in CloudWatch's words: the datapoints listed are
   * those that decided it, newest first.
   */
  private static Evaluation verdict(List<Datapoint> used, boolean alarm, AlarmInstance instance) {
    AlarmRule rule = instance.rule();
    int n = rule.evaluationPeriods();
    List<Datapoint> deciding = used.stream().filter(d -> d.breaching() == alarm).toList();
    // ALARM needs M breaching datapoints; OK needs enough good ones that M can't breach.
    int minimum = alarm ? rule.datapointsToAlarm() : n - rule.datapointsToAlarm() + 1;
    String reason =
        "Threshold Crossed: "
            + deciding.size()
            + " out of the last "
            + n
            + " datapoints "
            + listed(deciding, instance)
            + (deciding.size() == 1 ? " was " : " were ")
            + (alarm ? "" : "not ")
            + crossing(instance)
            + " (minimum "
            + count(minimum, "datapoint")
            + " for "
            + (alarm ? "OK -> ALARM" : "ALARM -> OK")
            + " transition).";
    return evaluation(alarm ? AlarmState.ALARM : AlarmState.OK, used, reason);
  }

  private static Evaluation insufficient(int unknown) {
    String reason =
        "Insufficient Data: "
            + count(unknown, "datapoint")
            + (unknown == 1 ? " was" : " were")
            + " unknown.";
    return new Evaluation(AlarmState.INSUFFICIENT_DATA, Optional.empty(), reason, List.of());
  }

  /** CloudWatch writes no reason when ignore keeps a state, since nothing changes; we do. */
  private static Evaluation retained(
      AlarmState previous, List<Datapoint> real, AlarmInstance instance) {
    int n = instance.rule().evaluationPeriods();
    String received =
        real.isEmpty()
            ? "no datapoints were"
            : count(real.size(), "datapoint") + (real.size() == 1 ? " was" : " were");
    String reason =
        "Missing data ignored: "
            + received
            + " received for "
            + n
            + " periods, so the alarm stays "
            + previous
            + ".";
    return evaluation(previous, real, reason);
  }

  private static String crossing(AlarmInstance instance) {
    Comparison comparison = instance.rule().comparison();
    if (comparison.isTrend()) {
      return comparison.words() + " the datapoint before";
    }
    return comparison.words()
        + " the threshold ("
        + instance.series().unit().format(instance.threshold().orElseThrow())
        + ")";
  }

  private static Evaluation evaluation(AlarmState state, List<Datapoint> used, String reason) {
    Optional<Double> newest = used.stream().findFirst().map(Datapoint::value);
    List<Double> oldestFirst =
        used.stream()
            .sorted(Comparator.comparingInt(Datapoint::age).reversed())
            .map(Datapoint::value)
            .toList();
    return new Evaluation(state, newest, reason, oldestFirst);
  }

  /** The datapoints in the series' unit (10.5 GB, 12 %, 340 ms), each with its time. */
  private static String listed(List<Datapoint> datapoints, AlarmInstance instance) {
    Unit unit = instance.series().unit();
    return datapoints.stream()
        .map(d -> unit.format(d.value()) + " (" + STAMP.format(d.at()) + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static int breachingCount(List<Datapoint> datapoints) {
    return (int) datapoints.stream().filter(Datapoint::breaching).count();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static int rangeSize(AlarmInstance instance) {
    return instance.rule().evaluationPeriods() + EXTRA_PERIODS;
  }

  /** The start of the newest period that has ended by {@code now}. */
  private static long newestPeriodStart(Instant now, long period) {
    return Math.floorDiv(now.getEpochSecond(), period) * period - period;
  }
}
