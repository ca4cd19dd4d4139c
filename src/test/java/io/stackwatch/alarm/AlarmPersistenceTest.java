package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.TestClock;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alarm states and history in a real database, H2 file and PostgreSQL alike: a CPU spike makes
 * exactly the transitions CloudWatch would, and a restart in the middle neither loses nor repeats
 * one.
 */
@Tag("postgres")
class AlarmPersistenceTest {

  static final Instant T0 = Instant.parse("2026-11-26T12:00:05Z");
  static final String CPU = "prod/rds.cpu";
  static final String ALARM = "prod/rds-cpu-high";

  /** A fresh, empty database of the kind asked. */
  static String freshDatabase(String kind) {
    return TestDatabases.fresh(kind);
  }

  final SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
  final Freshness freshness = new Freshness(Duration.ofMinutes(12));
  final TestClock clock = new TestClock();

  static final SeriesCadence POLL =
      new SeriesCadence(Duration.ofMinutes(5), Duration.ofMinutes(15));

  static final AlarmConfig CONFIG =
      new AlarmConfig() {
        @Override
        public int lambdaConcurrencyLimit() {
          return 1000;
        }

        @Override
        public Duration acknowledgementExpiry() {
          return Duration.ofHours(24);
        }
      };

  AlarmEngine start(Database database) {
    AlarmConfig config = CONFIG;
    return new AlarmEngine(
        config,
        DataFiles.shippedAnd(Optional.empty()),
        SeedStack.CATALOG,
        SeriesPlans.offered(SeedStack.CATALOG, SeedStack.SERIES, POLL),
        samples,
        freshness,
        new AlarmHistory(database),
        clock);
  }

  /** The CPU datapoint of the minute just completed, then an evaluation a few seconds later. */
  List<Transition> minute(AlarmEngine engine, double cpu) {
    long period = clock.instant().getEpochSecond() / 60 * 60;
    samples.put(CPU, new long[] {period}, new double[] {cpu});
    clock.advance(Duration.ofMinutes(1));
    SeedStack.CATALOG.environments().forEach(e -> freshness.succeeded(e.name(), clock.instant()));
    return engine.evaluate().stream().filter(t -> t.alarmKey().equals(ALARM)).toList();
  }

  /** A transition of ALARM to OK, or back, at a time. */
  static Transition transition(AlarmState from, AlarmState to, Instant at) {
    return new Transition(
        ALARM,
        "prod",
        "rds-cpu-high",
        "Database CPU above 80 %",
        Severity.CRITICAL,
        from,
        to,
        at,
        Optional.of(to == AlarmState.ALARM ? 91.0 : 32.0),
        "test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aStoredStateNeverMovesBackInTime(String kind) {
    try (Database database = new Database(freshDatabase(kind), null, null, 2)) {
      AlarmHistory history = new AlarmHistory(database);
      history.record(transition(AlarmState.OK, AlarmState.ALARM, T0));
      history.record(transition(AlarmState.ALARM, AlarmState.OK, T0.plusSeconds(600)));

      // A transition made before the stored state, written late: refused, history and all.
      history.record(transition(AlarmState.OK, AlarmState.ALARM, T0.plusSeconds(300)));

      AlarmHistory.Stored stored = history.states().get(ALARM);
      assertThat(stored.state()).isEqualTo(AlarmState.OK);
      assertThat(stored.since()).isEqualTo(T0.plusSeconds(600));
      assertThat(stored.value()).contains(32.0);
      assertThat(history.history(ALARM, 10))
          .extracting(Transition::to, Transition::at)
          .containsExactly(
              org.assertj.core.api.Assertions.tuple(AlarmState.OK, T0.plusSeconds(600)),
              org.assertj.core.api.Assertions.tuple(AlarmState.ALARM, T0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aCpuSpikeMakesExactlyTwoTransitionsAcrossARestart(String kind) throws Exception {
    String url = freshDatabase(kind);
    Database first = new Database(url, null, null, 2);
    AlarmEngine engine = start(first);

    // One healthy datapoint is enough for OK: CloudWatch needs M breaching ones for ALARM.
    assertThat(minute(engine, 40)).extracting(Transition::to).containsExactly(AlarmState.OK);
    assertThat(minute(engine, 42)).isEmpty();
    assertThat(minute(engine, 41)).isEmpty();
    assertThat(minute(engine, 91)).isEmpty();
    assertThat(minute(engine, 88)).isEmpty();
    List<Transition> third = minute(engine, 85);
    assertThat(third)
        .extracting(Transition::from, Transition::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AlarmState.OK, AlarmState.ALARM));
    assertThat(third.get(0).reason())
        .startsWith("Threshold Crossed: 3 out of the last 3 datapoints [85 %");
    assertThat(minute(engine, 90)).isEmpty();

    // Restart while firing: a new engine on a new connection pool to the same database.
    first.close();
    Database second = new Database(url, null, null, 2);
    engine = start(second);
    assertThat(engine.status(ALARM))
        .get()
        .extracting(AlarmStatus::state)
        .isEqualTo(AlarmState.ALARM);
    assertThat(engine.evaluate()).as("the same minute again").isEmpty();

    assertThat(minute(engine, 93)).isEmpty();
    assertThat(minute(engine, 40)).extracting(Transition::to).containsExactly(AlarmState.OK);
    assertThat(minute(engine, 38)).isEmpty();
    assertThat(minute(engine, 39)).isEmpty();

    List<Transition> history = new AlarmHistory(second).history(ALARM, 100);
    assertThat(history)
        .extracting(Transition::from, Transition::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlarmState.ALARM, AlarmState.OK),
            org.assertj.core.groups.Tuple.tuple(AlarmState.OK, AlarmState.ALARM),
            org.assertj.core.groups.Tuple.tuple(AlarmState.INSUFFICIENT_DATA, AlarmState.OK));
    second.close();
  }

  @org.junit.jupiter.api.Test
  void aBrokenRuleFileStopsStartUpNamingFileLineRuleAndField() throws Exception {
    // A configuration directory whose rds.yaml replaces the shipped one with a broken rule.
    Path configured = Path.of("src/test/resources/config/broken-rds");
    AlarmConfig config = CONFIG;
    Database database = new Database(freshDatabase("h2"), null, null, 1);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new AlarmEngine(
                    config,
                    DataFiles.shippedAnd(Optional.of(configured)),
                    SeedStack.CATALOG,
                    SeriesPlans.offered(SeedStack.CATALOG, SeedStack.SERIES, POLL),
                    samples,
                    freshness,
                    new AlarmHistory(database),
                    clock))
        .isInstanceOf(DataFileException.class)
        .hasMessageContaining("src/test/resources/config/broken-rds/alarms/rds.yaml:")
        .hasMessageContaining("threshold: missing");
    database.close();
  }

  /** Every alarm reads a series fetched every poll, so no alarm waits for a slow refresh. */
  @org.junit.jupiter.api.Test
  void everyAlarmReadsASeriesFetchedEveryPoll() throws Exception {
    Database database = new Database(freshDatabase("h2"), null, null, 1);
    SeriesPlans plans = SeriesPlans.offered(SeedStack.CATALOG, SeedStack.SERIES, POLL);
    AlarmEngine engine = start(database);

    assertThat(engine.statuses()).hasSizeGreaterThan(60);
    for (AlarmStatus s : engine.statuses()) {
      io.stackwatch.series.SeriesPlan plan = plans.of(s.instance().environment()).orElseThrow();
      if (plan.recorded().contains(s.instance().series())) {
        continue; // recorded by stackwatch itself, every poll
      }
      List<String> inputs =
          plan.derived().stream()
              .filter(d -> d.series().id().equals(s.instance().series().id()))
              .findFirst()
              .map(io.stackwatch.series.Derivation::inputs)
              .orElse(List.of(s.instance().series().id()));
      for (String input : inputs) {
        assertThat(plan.find(input).orElseThrow().refresh())
            .as(s.instance().key() + " reads " + input)
            .isEqualTo(POLL.poll());
      }
    }
    database.close();
  }
}
