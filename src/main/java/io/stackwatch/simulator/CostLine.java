package io.stackwatch.simulator;

/**
 * One kind of charge of one environment, the unit Cost Explorer sums: a usage type of a service
 * carrying one {@code Environment} tag value. Its amount on a day is rounded to the cent, so every
 * group and total is an exact sum of these lines.
 *
 * @param environment the {@code Environment} tag value; empty for untagged spend
 * @param service Cost Explorer's SERVICE dimension value, e.g. {@code Amazon ElastiCache}
 * @param usageType the USAGE_TYPE dimension value, e.g. {@code NatGateway-Hours}
 * @param region the REGION dimension value: {@code us-east-1}, or {@code global}
 * @param monthlyUsd the line's cost over a 30-day month, before noise and scenarios
 * @param traffic true if the charge follows traffic (weekday peak, weekend dip), false for hourly
 *     resources that cost the same every day
 */
public record CostLine(
    String environment,
    String service,
    String usageType,
    String region,
    double monthlyUsd,
    boolean traffic) {

  /** The account every simulated charge belongs to. */
  public static final String ACCOUNT = "000000000000";

  /**
   * The line's value of a Cost Explorer dimension, or null if the simulator does not model that
   * dimension.
   */
  public String dimension(String key) {
    return switch (key) {
      case "SERVICE" -> service;
      case "USAGE_TYPE" -> usageType;
      case "REGION" -> region;
      case "LINKED_ACCOUNT" -> ACCOUNT;
      case "RECORD_TYPE" -> "Usage";
      default -> null;
    };
  }

  /** The line's value of a tag: only {@code Environment} is set, and not on untagged lines. */
  public String tag(String key) {
    return CostModel.TAG_KEY.equals(key) ? environment : "";
  }
}
