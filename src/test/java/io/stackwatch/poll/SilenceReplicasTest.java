package io.stackwatch.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.SilenceRequest;
import io.stackwatch.alarm.SilenceRequest.MatcherRequest;
import io.stackwatch.alarm.Silences;
import io.stackwatch.audit.Audit;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Silences shared by replicas on one PostgreSQL: one made on the instance that follows shows there
 * at once, on the leader after its next poll, which then sends nothing for the silenced alarm; it
 * shows on an instance started later (a restart); expired early on one, it ends on the others at
 * their next read of the store.
 */
@Tag("postgres")
class SilenceReplicasTest {

  final TestClock clock = new TestClock();
  AwsSimulator sim;
  String url;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, clock, 42);
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    url = TestDatabases.fresh("postgresql");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  Replica replica() {
    return new Replica(url, Replica.config(url), sim, clock);
  }

  void nextInterval() {
    long now = clock.instant().getEpochSecond();
    clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
  }

  /** Makes a silence on an instance as its pages do: stored with its audit row, then shown. */
  Silence silence(Replica on, String duration) {
    Silence s =
        new SilenceRequest(
                List.of(
                    new MatcherRequest("environment", "=", "prod"),
                    new MatcherRequest("alarm", "=", "rds-cpu-high")),
                null,
                null,
                duration,
                "database upgrade")
            .toSilence(
                java.util.UUID.randomUUID().toString(),
                "olga",
                clock.instant(),
                List.of("prod", "staging", "dev"));
    new Audit(on.database, clock)
        .record(
            "olga",
            "silence.create",
            s.id(),
            "127.0.0.1",
            c -> {
              Silences.insert(c, s);
              return s.matchersText();
            });
    on.snapshots.publishAlarms();
    return s;
  }

  static AlarmReading cpu(Replica r) {
    return r.snapshots.current().alarm("prod", "rds-cpu-high").orElseThrow();
  }

  List<PublishedMessage> prodAlerts() {
    return sim.sns().published(Replica.PROD_ALERTS);
  }

  @Test
  void aSilenceMadeOnOneReplicaHoldsOnTheOthersAndAfterARestart() throws Exception {
    Replica a = replica();
    Replica b = replica();
    Replica c = null;
    try {
      nextInterval();
      assertThat(a.job.cycle()).as("the first to try leads").isPresent();
      assertThat(b.job.cycle()).as("the other follows").isEmpty();

      // Made on the follower: shown there at once, on the leader once it reads the store.
      Silence s = silence(b, "2h");
      assertThat(cpu(b).silencedBy(clock.instant())).containsExactly(s);
      assertThat(cpu(a).silenced(clock.instant())).as("not read yet").isFalse();

      sim.cloudWatch().scenarios().play("cpu-spike", "prod", clock.instant());
      for (int i = 0; i < 2; i++) {
        nextInterval();
        a.job.cycle();
        b.job.cycle();
        clock.advance(Duration.ofSeconds(30));
        a.notifyTick();
      }
      assertThat(a.alarms.status("prod/rds-cpu-high").orElseThrow().state())
          .isEqualTo(AlarmState.ALARM);
      assertThat(cpu(a).silencedBy(clock.instant())).containsExactly(s);
      assertThat(cpu(b).state()).isEqualTo(AlarmState.ALARM);
      assertThat(cpu(b).silenced(clock.instant())).isTrue();
      assertThat(prodAlerts()).as("the leader sends nothing for it").isEmpty();

      // A restart: an instance started now reads it from the store.
      a.close();
      c = replica();
      assertThat(cpu(c).silencedBy(clock.instant())).containsExactly(s);

      // Expired early on the follower: ended on the restarted instance at its next read.
      java.time.Instant now = clock.instant();
      b.database.transaction("expire", x -> Silences.expire(x, s.id(), now, "ada"));
      assertThat(cpu(c).silenced(clock.instant())).isTrue();
      c.replicas.follow();
      assertThat(cpu(c).silenced(clock.instant())).isFalse();
      assertThat(cpu(c).silences()).isEmpty();
      assertThat(new Silences(c.database).find(s.id()).orElseThrow().expiredBy()).contains("ada");
    } finally {
      b.close();
      if (c != null) {
        c.close();
      }
    }
  }
}
