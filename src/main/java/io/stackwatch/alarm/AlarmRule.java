package io.stackwatch.alarm;

import java.util.Map;
import java.util.Optional;

/**
 * One alarm rule as written in a file under {@code alarms/}, before it is bound to an environment's
 * series.
 *
 * @param id unique across all rule files, kebab-case, such as {@code rds-cpu-high}
 * @param title what an operator reads on the page
 * @param severity how urgent an ALARM is
 * @param source what the rule reads
 * @param comparison how a datapoint is compared
 * @param threshold what it is compared with; empty for {@code increasing} and {@code decreasing}
 * @param evaluationPeriods N, the number of most recent periods evaluated
 * @param datapointsToAlarm M, how many of those must breach for ALARM
 * @param treatMissingData how periods without a datapoint count
 * @param runbook what to check first when it fires
 * @param environments per-environment overrides by environment name
 * @param category what it is about, when its file says; otherwise what it reads tells ({@link
 *     Category#of})
 */
public record AlarmRule(
    String id,
    String title,
    Severity severity,
    AlarmSource source,
    Comparison comparison,
    Optional<Threshold> threshold,
    int evaluationPeriods,
    int datapointsToAlarm,
    MissingData treatMissingData,
    String runbook,
    Map<String, EnvironmentOverride> environments,
    Optional<Category> category) {

  public AlarmRule {
    environments = Map.copyOf(environments);
  }

  /** A rule whose category is what it reads. */
  public AlarmRule(
      String id,
      String title,
      Severity severity,
      AlarmSource source,
      Comparison comparison,
      Optional<Threshold> threshold,
      int evaluationPeriods,
      int datapointsToAlarm,
      MissingData treatMissingData,
      String runbook,
      Map<String, EnvironmentOverride> environments) {
    this(
        id,
        title,
        severity,
        source,
        comparison,
        threshold,
        evaluationPeriods,
        datapointsToAlarm,
        treatMissingData,
        runbook,
        environments,
        Optional.empty());
  }

  /** Whether the rule applies in the environment; rules apply everywhere unless turned off. */
  public boolean enabledIn(String environment) {
    return override(environment).enabled().orElse(true);
  }

  /** The rule as it applies in one environment: that environment's overrides applied. */
  public AlarmRule forEnvironment(String environment) {
    EnvironmentOverride o = override(environment);
    return new AlarmRule(
        id,
        title,
        o.severity().orElse(severity),
        source,
        comparison,
        threshold.map(t -> o.threshold().map(t::withValue).orElse(t)),
        o.evaluationPeriods().orElse(evaluationPeriods),
        o.datapointsToAlarm().orElse(datapointsToAlarm),
        treatMissingData,
        runbook,
        Map.of(),
        category);
  }

  private EnvironmentOverride override(String environment) {
    return environments.getOrDefault(environment, EnvironmentOverride.NONE);
  }
}
