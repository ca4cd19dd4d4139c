package io.stackwatch.alarm;

import io.stackwatch.catalog.Environment;
import java.util.Arrays;
import java.util.Optional;

/**
 * A size of an environment a threshold can be a percentage of, so one rule fits a 20 GB dev
 * database and a 100 GB prod one.
 */
public enum Capacity {
  /** The RDS instance's allocated storage, in bytes (GB x 1024³), as FreeStorageSpace reports. */
  ALLOCATED_STORAGE("allocated-storage"),
  /** The account's Lambda concurrent executions limit. */
  LAMBDA_CONCURRENCY_LIMIT("lambda-concurrency-limit");

  /** AWS's default Lambda concurrency limit of an account, used unless configured otherwise. */
  public static final int DEFAULT_LAMBDA_CONCURRENCY_LIMIT = 1000;

  private static final double BYTES_PER_GB = 1024d * 1024 * 1024;

  private final String yamlName;

  Capacity(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The spelling in rule files, such as {@code allocated-storage}. */
  public String yamlName() {
    return yamlName;
  }

  /** This capacity in the given environment, in the unit of the metric compared with it. */
  public double of(Environment environment, int lambdaConcurrencyLimit) {
    return switch (this) {
      case ALLOCATED_STORAGE -> environment.allocatedStorageGb() * BYTES_PER_GB;
      case LAMBDA_CONCURRENCY_LIMIT -> lambdaConcurrencyLimit;
    };
  }

  /** The capacity spelled exactly so in a rule file. */
  public static Optional<Capacity> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.yamlName.equals(text)).findFirst();
  }
}
