package io.stackwatch.simulator;

import io.stackwatch.simulator.MetricSpec.Shape;
import io.stackwatch.simulator.MetricSpec.Values;

/**
 * One metric series of the model: turns the metric's per-minute level into the value of any
 * statistic over any period. A datapoint's random wobble depends on the series, period and
 * timestamp but not the statistic, so at one timestamp Minimum ≤ Average ≤ Maximum and percentiles
 * rise with their rank.
 */
public final class ModelSeries {

  private static final double[] RANKS = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};
  // Latency percentiles as multiples of the mean: a long right tail, median just above the mean.
  private static final double[] LATENCY = {0.35, 0.55, 0.8, 1.05, 1.3, 1.6, 1.9, 2.6, 3.4, 4.0};
  // Other percentiles as a position between Minimum (-1) and Maximum (+1) around the mean.
  private static final double[] SPREAD = {-1, -0.6, -0.3, 0.05, 0.3, 0.5, 0.65, 0.85, 0.95, 1};
  private static final double COUNT_SPREAD = 0.15;

  private final MetricId metric;
  private final MetricSpec spec;
  private final Resource resource;
  private final long hash;
  private final MinuteOverride override;

  ModelSeries(
      MetricId metric, MetricSpec spec, Resource resource, long hash, MinuteOverride override) {
    this.metric = metric;
    this.spec = spec;
    this.resource = resource;
    this.hash = hash;
    this.override = override;
  }

  public MetricId metric() {
    return metric;
  }

  public Resource resource() {
    return resource;
  }

  /** The same series with some minutes replaced, as a scenario does; null removes overrides. */
  public ModelSeries withOverride(MinuteOverride minuteOverride) {
    return new ModelSeries(metric, spec, resource, hash, minuteOverride);
  }

  /**
   * The datapoint for the period starting at {@code epochSecond}.
   *
   * @param period seconds, as in a MetricStat
   */
  public double value(Stat stat, int period, long epochSecond) {
    long point = Noise.mix(hash ^ Noise.mix(period * 0x9E3779B97F4A7C15L + epochSecond));
    double wobble = 1 + spec.noise() * (2 * Noise.unit(point) - 1);
    double rounding = Noise.unit(Noise.mix(point));
    if (override != null) {
      double value = overridden(stat, period, epochSecond, wobble, rounding);
      if (!Double.isNaN(value)) {
        return value;
      }
    }
    return normal(stat, period, epochSecond, wobble, rounding);
  }

  private double normal(Stat stat, int period, long start, double wobble, double rounding) {
    // The daily cycle is read mid-period, so an hourly datapoint reflects its whole hour.
    long middle = period >= 60 ? start + period / 2 : start;
    double level = bound(spec.level().at(resource, middle) * wobble);
    int samples = Math.max(1, period / 60);
    double minutes = period / 60.0;
    return switch (spec.shape()) {
      case GAUGE -> gauge(stat, level, samples);
      case COUNT -> count(stat, whole(level * minutes, rounding), samples);
      case LATENCY -> {
        double requests = spec.requests().at(resource, middle) * minutes;
        yield latency(stat, level, Math.max(1, Math.floor(requests + rounding)));
      }
    };
  }

  private double gauge(Stat stat, double level, int samples) {
    double spread = gaugeSpread();
    double average = fit(level);
    return switch (stat.kind()) {
      case AVERAGE -> average;
      case SUM -> average * samples;
      case SAMPLE_COUNT -> samples;
      case MINIMUM -> fitDown(level * (1 - spread));
      case MAXIMUM -> fitUp(level * (1 + spread));
      case PERCENTILE -> fit(level * (1 + spread * rank(SPREAD, stat.percentile())));
    };
  }

  private double count(Stat stat, double sum, int samples) {
    double average = sum / samples;
    return switch (stat.kind()) {
      case AVERAGE -> average;
      case SUM -> sum;
      case SAMPLE_COUNT -> samples;
      case MINIMUM -> fitDown(average * (1 - COUNT_SPREAD));
      case MAXIMUM -> fitUp(average * (1 + COUNT_SPREAD));
      case PERCENTILE -> fit(average * (1 + COUNT_SPREAD * rank(SPREAD, stat.percentile())));
    };
  }

  private static double latency(Stat stat, double mean, double requests) {
    return switch (stat.kind()) {
      case AVERAGE -> mean;
      case SUM -> mean * requests;
      case SAMPLE_COUNT -> requests;
      case MINIMUM -> mean * LATENCY[0];
      case MAXIMUM -> mean * LATENCY[LATENCY.length - 1];
      case PERCENTILE -> mean * rank(LATENCY, stat.percentile());
    };
  }

  /**
   * A period some of whose minutes a scenario replaces: aggregates minute by minute. Replaced
   * minutes are exact (no wobble, no spread), so a scenario's numbers come out as written.
   *
   * @return NaN if the override touches no minute of this period
   */
  private double overridden(Stat stat, int period, long start, double wobble, double rounding) {
    int minutes = Math.max(1, period / 60);
    long firstMinute = start - Math.floorMod(start, 60);
    // A sub-minute period sees only its share of the minute's count.
    double share = period >= 60 ? 1 : period / 60.0;
    double[] values = new double[minutes];
    int replaced = 0;
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double spread = spec.shape() == Shape.COUNT ? 0 : gaugeSpread();
    for (int i = 0; i < minutes; i++) {
      long minute = firstMinute + 60L * i;
      double value = override.valueAt(minute);
      boolean exact = !Double.isNaN(value);
      if (exact) {
        replaced++;
      } else {
        value = bound(spec.level().at(resource, minute + 30) * wobble);
      }
      values[i] = spec.shape() == Shape.COUNT ? value * share : value;
      sum += values[i];
      min = Math.min(min, exact ? values[i] : values[i] * (1 - spread));
      max = Math.max(max, exact ? values[i] : values[i] * (1 + spread));
    }
    if (replaced == 0) {
      return Double.NaN;
    }
    double total = spec.shape() == Shape.COUNT ? whole(sum, rounding) : sum;
    double average = total / minutes;
    double wobblyShare = (minutes - replaced) / (double) minutes;
    double percentileSpread = spec.shape() == Shape.COUNT ? COUNT_SPREAD : spread * wobblyShare;
    return switch (stat.kind()) {
      case AVERAGE -> spec.shape() == Shape.COUNT ? average : fit(average);
      case SUM -> spec.values() == Values.INTEGER ? Math.round(total) : total;
      case SAMPLE_COUNT -> minutes;
      case MINIMUM -> fitDown(min);
      case MAXIMUM -> fitUp(max);
      case PERCENTILE -> {
        double p = average * (1 + percentileSpread * rank(SPREAD, stat.percentile()));
        yield fit(Math.max(min, Math.min(max, p)));
      }
    };
  }

  private double gaugeSpread() {
    return Math.min(0.2, 3 * spec.noise());
  }

  /**
   * Counts of whole events: rounds up with probability equal to the fraction, so sums stay fair.
   */
  private double whole(double expected, double rounding) {
    return spec.values() == Values.INTEGER ? Math.floor(expected + rounding) : expected;
  }

  private double bound(double value) {
    double nonNegative = Math.max(0, value);
    return spec.values() == Values.PERCENT ? Math.min(100, nonNegative) : nonNegative;
  }

  private double fit(double value) {
    return spec.values() == Values.INTEGER ? Math.round(bound(value)) : bound(value);
  }

  private double fitDown(double value) {
    return spec.values() == Values.INTEGER ? Math.floor(bound(value)) : bound(value);
  }

  private double fitUp(double value) {
    return spec.values() == Values.INTEGER ? Math.ceil(bound(value)) : bound(value);
  }

  /** Linear interpolation of a percentile table at {@code percentile}. */
  private static double rank(double[] table, double percentile) {
    for (int i = 1; i < RANKS.length; i++) {
      if (percentile <= RANKS[i]) {
        double t = (percentile - RANKS[i - 1]) / (RANKS[i] - RANKS[i - 1]);
        return table[i - 1] + t * (table[i] - table[i - 1]);
      }
    }
    return table[table.length - 1];
  }
}
