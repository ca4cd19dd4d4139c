package io.stackwatch.notify.grouping;

import static io.stackwatch.notify.grouping.Fixtures.T0;
import static io.stackwatch.notify.grouping.Fixtures.api5xx;
import static io.stackwatch.notify.grouping.Fixtures.cpu;
import static io.stackwatch.notify.grouping.Fixtures.fires;
import static io.stackwatch.notify.grouping.Fixtures.recovers;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Silenced alarms in the grouping: kept in their group, told of in no message (no firing, no
 * repeat, no resolution), a group's other alarms sent without them, and one still firing when its
 * silence ends told once then, as a new alarm.
 */
@Tag("plain")
class SilencedGroupingTest {

  Instant now = T0;
  AlertGrouper grouper = new AlertGrouper(GroupTimings.DEFAULTS, List.of());
  Set<String> silenced = new HashSet<>();

  void at(Duration sinceT0) {
    now = T0.plus(sinceT0);
  }

  void observe(AlertChange... changes) {
    grouper.observe(List.of(changes), now);
  }

  /** Flushes every second from now up to {@code until}; returns all it sent. */
  List<AlertSummary> tickUntil(Duration untilSinceT0) {
    List<AlertSummary> sent = new ArrayList<>();
    Instant until = T0.plus(untilSinceT0);
    for (; !now.isAfter(until); now = now.plusSeconds(1)) {
      sent.addAll(grouper.flush(now, Map.of(), silenced));
    }
    now = until;
    return sent;
  }

  static List<String> keys(List<GroupedAlarm> alarms) {
    return alarms.stream().map(a -> a.alert().key()).toList();
  }

  @Test
  void aSilencedAlarmSendsNothingAndWhenItsSilenceEndsStillFiringItIsToldOnce() {
    silenced.add("prod/rds-cpu-high");
    observe(fires(cpu(), now));

    assertThat(tickUntil(Duration.ofHours(5))).as("no firing, no repeat").isEmpty();
    assertThat(grouper.state("prod")).as("still known to fire").isPresent();

    silenced.clear();
    Instant ended = now;
    List<AlertSummary> told = tickUntil(Duration.ofHours(5).plusMinutes(2));
    assertThat(told).hasSize(1);
    AlertSummary s = told.get(0);
    assertThat(s.at())
        .as("new at the silence's end: group-wait from then")
        .isEqualTo(ended.plusSeconds(30));
    assertThat(keys(s.firing())).containsExactly("prod/rds-cpu-high");
    assertThat(s.repeat()).isFalse();
    assertThat(s.firing().get(0).firingSince()).as("it fires since it fired").isEqualTo(T0);
    assertThat(tickUntil(Duration.ofHours(8))).as("then as any told alarm").isEmpty();
  }

  @Test
  void aGroupWithSomeSilencedListsOnlyTheOthers() {
    silenced.add("prod/rds-cpu-high");
    observe(fires(cpu(), now), fires(api5xx(), now));

    List<AlertSummary> sent = tickUntil(Duration.ofMinutes(1));
    assertThat(sent).hasSize(1);
    assertThat(keys(sent.get(0).firing())).containsExactly("prod/api-5xx-high");

    // The unsilenced one repeats after 4 h, still alone.
    List<AlertSummary> repeat = tickUntil(Duration.ofHours(4).plusMinutes(1));
    assertThat(repeat).hasSize(1);
    assertThat(repeat.get(0).repeat()).isTrue();
    assertThat(keys(repeat.get(0).firing())).containsExactly("prod/api-5xx-high");

    // The silenced one recovering is no news; the other recovering is.
    observe(recovers(cpu(), now));
    assertThat(tickUntil(Duration.ofHours(4).plusMinutes(10))).isEmpty();
    observe(recovers(api5xx(), now));
    List<AlertSummary> resolved = tickUntil(Duration.ofHours(4).plusMinutes(20));
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).firing()).isEmpty();
    assertThat(keys(resolved.get(0).resolved())).containsExactly("prod/api-5xx-high");
    assertThat(grouper.state("prod")).isEmpty();
  }

  @Test
  void anAlarmToldFiringThenSilencedIsNotResolvedNorRepeatedButToldAgainIfItStillFiresAfter() {
    observe(fires(cpu(), now));
    assertThat(tickUntil(Duration.ofMinutes(1))).hasSize(1);

    silenced.add("prod/rds-cpu-high");
    assertThat(tickUntil(Duration.ofHours(6))).as("no repeat while silenced").isEmpty();
    silenced.clear();
    List<AlertSummary> again = tickUntil(Duration.ofHours(6).plusMinutes(1));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).repeat()).as("told as new, not as a repeat").isFalse();
    assertThat(keys(again.get(0).firing())).containsExactly("prod/rds-cpu-high");

    silenced.add("prod/rds-cpu-high");
    tickUntil(Duration.ofHours(6).plusMinutes(2));
    observe(recovers(cpu(), now));
    assertThat(tickUntil(Duration.ofHours(7))).as("its resolution while silenced").isEmpty();
    silenced.clear();
    assertThat(tickUntil(Duration.ofHours(8))).as("nor after").isEmpty();
    assertThat(grouper.state("prod")).isEmpty();
  }

  @Test
  void anAlarmThatFiredAndRecoveredWithinItsSilenceIsNeverTold() {
    silenced.add("prod/rds-cpu-high");
    observe(fires(cpu(), now));
    tickUntil(Duration.ofMinutes(10));
    observe(recovers(cpu(), now));
    tickUntil(Duration.ofMinutes(11));
    silenced.clear();
    assertThat(tickUntil(Duration.ofHours(1))).isEmpty();
    assertThat(grouper.state("prod")).isEmpty();
  }

  @Test
  void withoutSilencesTheFlushIsAsBefore() {
    observe(fires(cpu(), now));
    List<AlertSummary> sent = new ArrayList<>();
    for (; !now.isAfter(T0.plusSeconds(40)); now = now.plusSeconds(1)) {
      sent.addAll(grouper.flush(now, Map.of()));
    }
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).at()).isEqualTo(T0.plusSeconds(30));
  }
}
