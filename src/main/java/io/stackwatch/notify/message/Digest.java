package io.stackwatch.notify.message;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One environment's daily digest: its health, its costs, the alarms of the last 24 hours and the
 * overdue maintenance chores. What {@link DigestFormatter} writes.
 *
 * @param environment environment name
 * @param at when it was written
 * @param health the worst state of the environment's alarms
 * @param firing the alarms firing now, worst first
 * @param insufficientData how many alarms lack data now
 * @param cost the month's costs; empty if Cost Explorer was never asked
 * @param lastDay the alarms that fired in the 24 hours before {@code at}, firing ones first
 * @param maintenance the overdue chores; empty while no maintenance schedule is kept
 * @param missing what it waited for in vain and was written without, such as "no poll since 08:00
 *     UTC"; empty when it had everything
 * @param failingChecks the chores whose latest automated check failed, with what it found
 */
public record Digest(
    String environment,
    Instant at,
    AlarmState health,
    List<DigestAlarm> firing,
    int insufficientData,
    Optional<Cost> cost,
    List<DigestAlarm> lastDay,
    Optional<List<OverdueItem>> maintenance,
    List<String> missing,
    List<FailingCheck> failingChecks) {

  public Digest {
    firing = List.copyOf(firing);
    lastDay = List.copyOf(lastDay);
    maintenance = maintenance.map(List::copyOf);
    missing = List.copyOf(missing);
    failingChecks = List.copyOf(failingChecks);
  }

  /** A digest without failing checks. */
  public Digest(
      String environment,
      Instant at,
      AlarmState health,
      List<DigestAlarm> firing,
      int insufficientData,
      Optional<Cost> cost,
      List<DigestAlarm> lastDay,
      Optional<List<OverdueItem>> maintenance,
      List<String> missing) {
    this(
        environment,
        at,
        health,
        firing,
        insufficientData,
        cost,
        lastDay,
        maintenance,
        missing,
        List.of());
  }

  /** A digest written with everything it waits for. */
  public Digest(
      String environment,
      Instant at,
      AlarmState health,
      List<DigestAlarm> firing,
      int insufficientData,
      Optional<Cost> cost,
      List<DigestAlarm> lastDay,
      Optional<List<OverdueItem>> maintenance) {
    this(environment, at, health, firing, insufficientData, cost, lastDay, maintenance, List.of());
  }

  /** The same digest, saying what it was written without. */
  public Digest without(List<String> what) {
    return new Digest(
        environment,
        at,
        health,
        firing,
        insufficientData,
        cost,
        lastDay,
        maintenance,
        what,
        failingChecks);
  }

  /** The same digest, with the chores whose latest check failed. */
  public Digest failing(List<FailingCheck> checks) {
    return new Digest(
        environment,
        at,
        health,
        firing,
        insufficientData,
        cost,
        lastDay,
        maintenance,
        missing,
        checks);
  }

  /**
   * A chore whose latest automated check failed.
   *
   * @param title the chore, such as "Review security group rules"
   * @param detail what the check found, naming each resource at fault
   */
  public record FailingCheck(String title, String detail) {}

  /** The highest severity firing now, or {@code info} if nothing fires. */
  public Severity severity() {
    return firing.stream()
        .map(DigestAlarm::severity)
        .min(Severity::compareTo)
        .orElse(Severity.INFO);
  }

  /**
   * An alarm as the digest lists it.
   *
   * @param alarmId its id within the environment
   * @param title the rule's title
   * @param severity its severity
   * @param state its state now
   * @param since since when it is in that state
   * @param firings how often it entered ALARM in the last 24 hours
   * @param lastFired when it last entered ALARM, if in the last 24 hours
   * @param acknowledgement who is on it, while an acknowledgement holds
   */
  public record DigestAlarm(
      String alarmId,
      String title,
      Severity severity,
      AlarmState state,
      Instant since,
      int firings,
      Optional<Instant> lastFired,
      Optional<Acknowledgement> acknowledgement) {

    /** An alarm nobody acknowledged. */
    public DigestAlarm(
        String alarmId,
        String title,
        Severity severity,
        AlarmState state,
        Instant since,
        int firings,
        Optional<Instant> lastFired) {
      this(alarmId, title, severity, state, since, firings, lastFired, Optional.empty());
    }

    /**
     * The queue, function or node it is about, when its rule covers several: what its id names
     * after the rule's ({@code jobs-failed} of {@code sqs-dlq-not-empty:jobs-failed}); else empty.
     */
    public String resource() {
      int colon = alarmId.indexOf(':');
      return colon < 0 ? "" : alarmId.substring(colon + 1);
    }
  }

  /**
   * The month's costs.
   *
   * @param monthToDate spend from the 1st to today, US dollars
   * @param budget the monthly budget
   * @param forecast month to date plus the forecast for the rest of the month
   * @param forecastError why there is no forecast, when there is none
   * @param asOf when Cost Explorer was asked
   */
  public record Cost(
      BigDecimal monthToDate,
      Optional<BigDecimal> budget,
      Optional<BigDecimal> forecast,
      Optional<String> forecastError,
      Instant asOf) {

    /** Whether the forecast for the month exceeds the budget. */
    public boolean overBudget() {
      return forecast.isPresent()
          && budget.isPresent()
          && forecast.get().compareTo(budget.get()) > 0;
    }
  }
}
