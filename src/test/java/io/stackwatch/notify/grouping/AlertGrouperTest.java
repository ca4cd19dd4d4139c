package io.stackwatch.notify.grouping;

import static io.stackwatch.notify.grouping.Fixtures.T0;
import static io.stackwatch.notify.grouping.Fixtures.alb5xx;
import static io.stackwatch.notify.grouping.Fixtures.api5xx;
import static io.stackwatch.notify.grouping.Fixtures.change;
import static io.stackwatch.notify.grouping.Fixtures.cpu;
import static io.stackwatch.notify.grouping.Fixtures.dlq;
import static io.stackwatch.notify.grouping.Fixtures.fires;
import static io.stackwatch.notify.grouping.Fixtures.in;
import static io.stackwatch.notify.grouping.Fixtures.recovers;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Alertmanager's grouping, driven by a clock the test moves: what is sent, and when. */
@Tag("plain")
class AlertGrouperTest {

  Instant now = T0;
  AlertGrouper grouper = new AlertGrouper(GroupTimings.DEFAULTS, List.of());

  void at(Duration sinceT0) {
    now = T0.plus(sinceT0);
  }

  void observe(AlertChange... changes) {
    grouper.observe(List.of(changes), now);
  }

  /**
   * Flushes every second from now up to {@code until}, a finer tick than the notifier's 10 s, so
   * the test sees the exact time each send falls due; returns all it sent.
   */
  /** The acknowledgements holding, by alarm key, as the flushes are given them. */
  java.util.Map<String, Acknowledgement> acknowledged = new java.util.HashMap<>();

  List<AlertSummary> tickUntil(Duration untilSinceT0) {
    List<AlertSummary> sent = new ArrayList<>();
    Instant until = T0.plus(untilSinceT0);
    for (; !now.isAfter(until); now = now.plusSeconds(1)) {
      sent.addAll(grouper.flush(now, acknowledged));
    }
    now = until;
    return sent;
  }

  static List<String> keys(List<GroupedAlarm> alarms) {
    return alarms.stream().map(a -> a.alert().key()).toList();
  }

  @Test
  void aNewGroupWaitsForCompanionsThenSendsOneMessagePerEnvironment() {
    observe(fires(cpu(), now));
    at(Duration.ofSeconds(10));
    observe(fires(api5xx(), now), fires(in("staging", cpu()), now));
    at(Duration.ofSeconds(20));
    observe(fires(alb5xx(), now));

    assertThat(tickUntil(Duration.ofSeconds(29))).as("within the group wait").isEmpty();
    List<AlertSummary> sent = tickUntil(Duration.ofSeconds(40));

    assertThat(sent).extracting(AlertSummary::environment).containsExactly("prod", "staging");
    AlertSummary prod = sent.get(0);
    assertThat(prod.at()).isEqualTo(T0.plusSeconds(30));
    assertThat(keys(prod.firing()))
        .as("critical before warning, oldest first")
        .containsExactly("prod/rds-cpu-high", "prod/api-5xx-high", "prod/alb-target-5xx");
    assertThat(prod.resolved()).isEmpty();
    assertThat(prod.anyFiring()).as("tells of firing alarms").isTrue();
    assertThat(prod.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(prod.incident()).isEqualTo("prod-rds-cpu-high-20261126T120005Z");
    assertThat(sent.get(1).at()).as("staging opened 10 s later").isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void afterASendChangesWaitForTheGroupIntervalAndResolutionsAreTold() {
    observe(fires(cpu(), now), fires(api5xx(), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(1);

    at(Duration.ofMinutes(1));
    observe(recovers(api5xx(), now));
    at(Duration.ofMinutes(2));
    observe(fires(alb5xx(), now));

    assertThat(tickUntil(Duration.ofSeconds(329))).as("before 5 min since the send").isEmpty();
    List<AlertSummary> sent = tickUntil(Duration.ofSeconds(330));

    assertThat(sent).hasSize(1);
    AlertSummary second = sent.get(0);
    assertThat(keys(second.firing())).containsExactly("prod/rds-cpu-high", "prod/alb-target-5xx");
    assertThat(keys(second.resolved())).containsExactly("prod/api-5xx-high");
    assertThat(second.resolved().get(0).resolvedAt()).contains(T0.plus(Duration.ofMinutes(1)));
    assertThat(second.incident()).as("the same incident").isEqualTo(sent.get(0).incident());
    assertThat(second.repeat()).isFalse();
  }

  @Test
  void theLastResolutionClosesTheGroupAndTheNextAlarmOpensANewIncident() {
    observe(fires(cpu(), now));
    String first = tickUntil(Duration.ofSeconds(30)).get(0).incident();
    at(Duration.ofMinutes(10));
    observe(recovers(cpu(), now));

    List<AlertSummary> resolved = tickUntil(Duration.ofMinutes(11));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).anyFiring()).as("tells of resolutions only").isFalse();
    assertThat(resolved.get(0).incident()).isEqualTo(first);
    assertThat(grouper.state()).isEmpty();

    at(Duration.ofMinutes(12));
    observe(fires(cpu(), now));
    List<AlertSummary> again = tickUntil(Duration.ofMinutes(13));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).at())
        .as("a new group waits only the group wait")
        .isEqualTo(T0.plus(Duration.ofMinutes(12)).plusSeconds(30));
    assertThat(again.get(0).incident()).isNotEqualTo(first);
  }

  @Test
  void aCriticalAlarmStillFiringIsRepeatedAfterFourHoursAndNotBefore() {
    observe(fires(cpu(), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(1);

    assertThat(tickUntil(Duration.ofSeconds(30).plusHours(4).minusSeconds(1))).isEmpty();
    List<AlertSummary> repeat = tickUntil(Duration.ofSeconds(30).plusHours(4));

    assertThat(repeat).hasSize(1);
    assertThat(repeat.get(0).repeat()).isTrue();
    assertThat(keys(repeat.get(0).firing())).containsExactly("prod/rds-cpu-high");
    assertThat(repeat.get(0).firing().get(0).firingSince()).isEqualTo(T0);
    assertThat(tickUntil(Duration.ofSeconds(30).plusHours(8).minusSeconds(1))).isEmpty();
    assertThat(tickUntil(Duration.ofSeconds(30).plusHours(8))).hasSize(1);
  }

  /**
   * An acknowledged critical alarm is not repeated, ten five-minute polls past the four-hour mark
   * included; a change of state is told again, and the acknowledgement shows in the summary that
   * tells a companion's change.
   */
  @Test
  void anAcknowledgedAlarmIsNotRepeatedButAChangeIsTold() {
    observe(fires(cpu(), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(1);
    Acknowledgement ack = new Acknowledgement("prod/rds-cpu-high", now, "olga", "on it");
    acknowledged.put(ack.alarmKey(), ack);

    assertThat(tickUntil(Duration.ofSeconds(30).plusHours(4).plusMinutes(50))).isEmpty();

    observe(fires(api5xx(), now));
    List<AlertSummary> change = tickUntil(Duration.ofHours(5));
    assertThat(change).hasSize(1);
    assertThat(keys(change.get(0).firing()))
        .containsExactlyInAnyOrder("prod/rds-cpu-high", "prod/api-5xx-high");
    assertThat(change.get(0).acknowledged()).containsOnlyKeys("prod/rds-cpu-high");

    acknowledged.clear(); // the state changed: the acknowledgement no longer holds
    observe(recovers(cpu(), now));
    List<AlertSummary> resolved = tickUntil(Duration.ofHours(5).plusMinutes(10));
    assertThat(resolved).hasSize(1);
    assertThat(keys(resolved.get(0).resolved())).containsExactly("prod/rds-cpu-high");
  }

  @Test
  void warningsRepeatAfterTwelveHoursAndInfoNever() {
    observe(fires(in("staging", dlq("q", Severity.WARNING)), now));
    observe(fires(in("dev", dlq("q", Severity.INFO)), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(2);

    assertThat(tickUntil(Duration.ofHours(12))).isEmpty();
    List<AlertSummary> repeats = tickUntil(Duration.ofDays(3));

    assertThat(repeats)
        .extracting(AlertSummary::at)
        .as("staging's warning, every 12 h after the first send; dev's info never")
        .containsExactly(
            T0.plusSeconds(30).plus(Duration.ofHours(12)),
            T0.plusSeconds(30).plus(Duration.ofHours(24)),
            T0.plusSeconds(30).plus(Duration.ofHours(36)),
            T0.plusSeconds(30).plus(Duration.ofHours(48)),
            T0.plusSeconds(30).plus(Duration.ofHours(60)));
    assertThat(repeats).extracting(AlertSummary::environment).containsOnly("staging");
  }

  @Test
  void insufficientDataNeitherPagesNorResolves() {
    observe(change(cpu(), AlarmState.OK, AlarmState.INSUFFICIENT_DATA, now));
    assertThat(tickUntil(Duration.ofMinutes(1))).as("no alarm fired").isEmpty();

    observe(change(cpu(), AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, now));
    Instant firedAt = now;
    assertThat(tickUntil(Duration.ofMinutes(2))).hasSize(1);
    at(Duration.ofMinutes(10));
    observe(change(cpu(), AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA, now));
    assertThat(tickUntil(Duration.ofMinutes(20))).as("losing data is no news").isEmpty();
    at(Duration.ofMinutes(30));
    observe(change(cpu(), AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM, now));
    assertThat(tickUntil(Duration.ofMinutes(40))).as("still the alarm told").isEmpty();
    assertThat(grouper.state("prod").orElseThrow().alarms().get(0).firingSince())
        .isEqualTo(firedAt);

    at(Duration.ofMinutes(50));
    observe(change(cpu(), AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA, now));
    at(Duration.ofMinutes(55));
    observe(change(cpu(), AlarmState.INSUFFICIENT_DATA, AlarmState.OK, now));
    List<AlertSummary> sent = tickUntil(Duration.ofMinutes(60));
    assertThat(sent).hasSize(1);
    assertThat(keys(sent.get(0).resolved())).containsExactly("prod/rds-cpu-high");
  }

  @Test
  void anAlarmThatRecoversBeforeAnyoneWasToldIsDropped() {
    observe(fires(cpu(), now), fires(api5xx(), now));
    at(Duration.ofSeconds(10));
    observe(recovers(api5xx(), now));

    List<AlertSummary> sent = tickUntil(Duration.ofMinutes(1));

    assertThat(sent).hasSize(1);
    assertThat(keys(sent.get(0).firing())).containsExactly("prod/rds-cpu-high");
    assertThat(sent.get(0).resolved()).isEmpty();

    AlertGrouper quiet = new AlertGrouper(GroupTimings.DEFAULTS, List.of());
    quiet.observe(List.of(fires(cpu(), T0)), T0);
    quiet.observe(List.of(recovers(cpu(), T0.plusSeconds(5))), T0.plusSeconds(5));
    assertThat(quiet.flush(T0.plus(Duration.ofMinutes(1)))).isEmpty();
    assertThat(quiet.state()).as("nothing left to tell").isEmpty();
  }

  @Test
  void anAlarmThatFlapsBackBeforeTheNextSendIsNoNews() {
    observe(fires(cpu(), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(1);
    at(Duration.ofMinutes(1));
    observe(recovers(cpu(), now));
    at(Duration.ofMinutes(2));
    observe(fires(cpu(), now));

    assertThat(tickUntil(Duration.ofHours(1))).isEmpty();
  }

  @Test
  void aResumedGrouperCarriesOnWhereTheStoredOneStopped() {
    observe(fires(cpu(), now));
    assertThat(tickUntil(Duration.ofSeconds(30))).hasSize(1);
    at(Duration.ofMinutes(1));
    observe(fires(api5xx(), now));

    AlertGrouper resumed = new AlertGrouper(GroupTimings.DEFAULTS, grouper.state());
    grouper = resumed;

    List<AlertSummary> sent = tickUntil(Duration.ofMinutes(6));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).at()).isEqualTo(T0.plusSeconds(330));
    assertThat(keys(sent.get(0).firing()))
        .containsExactly("prod/rds-cpu-high", "prod/api-5xx-high");
    at(Duration.ofMinutes(10));
    observe(recovers(cpu(), now), recovers(api5xx(), now));
    assertThat(tickUntil(Duration.ofMinutes(11)))
        .singleElement()
        .extracting(s -> keys(s.resolved()))
        .isEqualTo(List.of("prod/rds-cpu-high", "prod/api-5xx-high"));
  }
}
