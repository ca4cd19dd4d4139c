package io.stackwatch.cloudwatch;

/** The unit of a series' values, as CloudWatch reports them. */
public enum Unit {
  PERCENT,
  COUNT,
  SECONDS,
  MILLISECONDS,
  BYTES
}
