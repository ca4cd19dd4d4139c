package io.stackwatch.alarm;

import java.util.Optional;

/**
 * What one environment changes in a rule; every absent field keeps the rule's value.
 *
 * @param enabled whether the rule applies in the environment at all
 * @param threshold the threshold number; a percentage stays a percentage of the same capacity
 * @param evaluationPeriods N
 * @param datapointsToAlarm M
 * @param severity severity
 */
public record EnvironmentOverride(
    Optional<Boolean> enabled,
    Optional<Double> threshold,
    Optional<Integer> evaluationPeriods,
    Optional<Integer> datapointsToAlarm,
    Optional<Severity> severity) {

  /** An override that changes nothing. */
  public static final EnvironmentOverride NONE =
      new EnvironmentOverride(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
