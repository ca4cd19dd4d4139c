package io.stackwatch.simulator;

/** A CloudWatch dimension, e.g. {@code DBInstanceIdentifier=prod-db}. */
public record MetricDimension(String name, String value) {}
