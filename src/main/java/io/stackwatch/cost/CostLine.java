package io.stackwatch.cost;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day's cost of one service in one environment, as Cost Explorer reports it.
 *
 * @param day the day (UTC)
 * @param environment the value of the environment tag; empty for spend no environment is tagged
 *     with
 * @param service the AWS service, such as {@code Amazon Relational Database Service}
 * @param amount US dollars
 * @param estimated whether AWS still revises it (the last days of the data)
 */
public record CostLine(
    LocalDate day, String environment, String service, BigDecimal amount, boolean estimated) {

  /** The environment name of spend that carries no environment tag. */
  public static final String UNATTRIBUTED = "";
}
