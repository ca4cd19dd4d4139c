package io.stackwatch.alarm;

import io.stackwatch.catalog.Environment;

/**
 * What a datapoint is compared with: a fixed number, or a percentage of a capacity of the
 * environment the rule is bound to.
 */
public sealed interface Threshold permits Threshold.Absolute, Threshold.PercentOf {

  /** The number written in the rule file: the threshold itself, or the percentage. */
  double value();

  /** The same kind of threshold with another number, as an environment override gives it. */
  Threshold withValue(double value);

  /** The threshold in the metric's own unit for one environment. */
  double resolve(Environment environment, int lambdaConcurrencyLimit);

  /** A threshold in the metric's unit. */
  record Absolute(double value) implements Threshold {

    @Override
    public Threshold withValue(double newValue) {
      return new Absolute(newValue);
    }

    @Override
    public double resolve(Environment environment, int lambdaConcurrencyLimit) {
      return value;
    }
  }

  /** A percentage of a capacity of the environment. */
  record PercentOf(double value, Capacity capacity) implements Threshold {

    @Override
    public Threshold withValue(double newValue) {
      return new PercentOf(newValue, capacity);
    }

    @Override
    public double resolve(Environment environment, int lambdaConcurrencyLimit) {
      // Multiply before dividing: 10 * 20 GiB / 100 is exact, 0.1 * 20 GiB is not.
      return value * capacity.of(environment, lambdaConcurrencyLimit) / 100;
    }
  }
}
