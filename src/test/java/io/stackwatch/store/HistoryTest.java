package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.TestClock;
import io.stackwatch.series.Points;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * History kept in the database at CloudWatch's tiers, on H2 and on PostgreSQL: what the poll put is
 * written and rolled up, and after a restart (a new pool on the same database) the same 24 hours
 * and 30 days read back.
 */
@Tag("postgres")
class HistoryTest {

  static final HistoryConfig CONFIG =
      new SmallRyeConfigBuilder()
          .withMapping(HistoryConfig.class)
          .withConverter(Duration.class, 100, new DurationConverter())
          .build()
          .getConfigMapping(HistoryConfig.class);

  static final String CPU = "prod/rds.cpu";
  static final String ERRORS = "prod/lambda.api.errors";

  final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:05Z"));

  History history(Database db, SampleStore samples) {
    return new History(
        new HistoryStore(db),
        samples,
        key -> key.equals(ERRORS) ? Rollup.SUM : Rollup.AVERAGE,
        CONFIG,
        Duration.ofHours(24),
        clock);
  }

  /** Polls every 5 minutes for 26 hours, each putting its 1-minute points, then flushes. */
  static void poll(SampleStore samples, History history, TestClock clock, int hours) {
    for (int i = 0; i < hours * 12; i++) {
      long end = clock.instant().getEpochSecond() / 60 * 60;
      long[] t = new long[5];
      double[] cpu = new double[5];
      double[] errors = new double[5];
      for (int k = 0; k < 5; k++) {
        t[k] = end - 300 + 60L * k;
        cpu[k] = 30 + 20 * Math.sin(t[k] / 3600.0);
        errors[k] = (t[k] / 60) % 7;
      }
      samples.put(CPU, t, cpu);
      samples.put(ERRORS, t, errors);
      history.flush();
      clock.advance(Duration.ofMinutes(5));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aRestartReadsTheSame24HoursAnd30DaysBack(String kind) {
    String url = TestDatabases.fresh(kind);
    long now;
    History.Read day;
    History.Read month;
    Points minutes;
    try (Database db = new Database(url, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples);
      // 30 days of hours as CloudWatch gave them on the first start, up to the polls' first hour.
      long firstPoll = clock.instant().getEpochSecond() / 3600 * 3600;
      long[] t = new long[30 * 24];
      double[] v = new double[t.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = firstPoll - 3600L * (t.length - i);
        v[i] = 25 + (i % 24);
      }
      history.write(CPU, Tier.HOUR, new Points(t, v));
      poll(samples, history, clock, 26);

      now = clock.instant().getEpochSecond();
      day = history.read(CPU, now - 86_400, now, 1000);
      month = history.read(CPU, now - 30 * 86_400L, now, 1000);
      minutes = history.read(CPU, now - 6 * 3600, now, 1000).points().points();
    }
    assertThat(day.tier()).isEqualTo(Tier.FIVE_MINUTES);
    // 14:00 yesterday to 13:50 today: the newest minute is 13:54, put by the 13:55 poll.
    assertThat(day.points().size()).isEqualTo(287);
    assertThat(month.tier()).isEqualTo(Tier.HOUR);
    // 14:00 thirty days ago to the hour in progress, 13:00 (rolled up from memory, 55 minutes).
    assertThat(month.points().size()).isEqualTo(720);
    assertThat(month.points().minutes()[719]).isEqualTo(55);

    // A new pool on the same database: a restarted instance.
    try (Database db = new Database(url, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples);
      // The newest 3 hours back in memory, for the alarms; older minutes stay in the database.
      // Two series, 11:01 to 13:54 (the newest minute the last poll put).
      assertThat(history.restore()).isEqualTo(2L * 174);
      assertThat(samples.earliest(CPU).orElseThrow().at().getEpochSecond())
          .isGreaterThanOrEqualTo(now - 3 * 3600);
      History.Read sixHours = history.read(CPU, now - 6 * 3600, now, 1000);
      assertThat(sixHours.tier()).isEqualTo(Tier.MINUTE);
      assertThat(sixHours.points().epochSeconds()).containsExactly(minutes.epochSeconds());
      assertThat(sixHours.points().values()).containsExactly(minutes.values());
      // 14:00 yesterday .. 13:54: six hours less the six newest minutes no poll put yet.
      assertThat(minutes.size()).isEqualTo(6 * 60 - 6);
      History.Read dayAgain = history.read(CPU, now - 86_400, now, 1000);
      History.Read monthAgain = history.read(CPU, now - 30 * 86_400L, now, 1000);
      assertThat(dayAgain.points().epochSeconds()).containsExactly(day.points().epochSeconds());
      assertThat(dayAgain.points().values()).containsExactly(day.points().values());
      assertThat(monthAgain.points().epochSeconds()).containsExactly(month.points().epochSeconds());
      assertThat(monthAgain.points().values()).containsExactly(month.points().values());
      // The rolled-up hours of the polls follow CloudWatch's 30 days without a gap.
      long[] hours = monthAgain.points().epochSeconds();
      for (int i = 1; i < hours.length; i++) {
        assertThat(hours[i] - hours[i - 1]).isEqualTo(3600);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void hoursAreRolledUpOnceSettledAndSumsStaySums(String kind) {
    try (Database db = new Database(TestDatabases.fresh(kind), null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples);
      HistoryStore store = new HistoryStore(db);
      long hour = clock.instant().getEpochSecond() / 3600 * 3600; // 12:00
      // 12:20 to 12:59: a partial hour, each minute 2 errors.
      long[] t = new long[40];
      double[] v = new double[40];
      for (int i = 0; i < 40; i++) {
        t[i] = hour + 60L * (20 + i);
        v[i] = 2;
      }
      samples.put(ERRORS, t, v);
      clock.advance(Duration.ofMinutes(62)); // 13:02: ended, not settled
      assertThat(history.flush().hoursRolledUp()).isZero();
      assertThat(store.read(ERRORS, Tier.MINUTE, hour, hour + 3599).size()).isEqualTo(40);
      assertThat(store.read(ERRORS, Tier.HOUR, hour, hour).isEmpty()).isTrue();
      // Read meanwhile, the hour is rolled up from memory.
      assertThat(history.read(ERRORS, hour, hour + 3599, 1).points().values())
          .containsExactly(80.0);

      clock.advance(Duration.ofMinutes(10)); // 13:12: settled
      assertThat(history.flush().hoursRolledUp()).isEqualTo(1);
      WeightedPoints rolled = store.read(ERRORS, Tier.HOUR, hour, hour);
      assertThat(rolled.values()).containsExactly(80.0);
      assertThat(rolled.minutes()).containsExactly(40);
      assertThat(store.read(ERRORS, Tier.FIVE_MINUTES, hour, hour + 3599).values())
          .containsExactly(10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);

      // CloudWatch's whole hour, fetched later, replaces the partial one ...
      history.write(ERRORS, Tier.HOUR, new Points(new long[] {hour}, new double[] {117}));
      // ... and a late minute rolls the hour up again, without overwriting the heavier point.
      samples.put(ERRORS, new long[] {hour + 60 * 3}, new double[] {5});
      assertThat(history.flush().hoursRolledUp()).isEqualTo(1);
      assertThat(store.read(ERRORS, Tier.HOUR, hour, hour).values()).containsExactly(117.0);
      assertThat(store.read(ERRORS, Tier.FIVE_MINUTES, hour, hour).values()).containsExactly(5.0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void oldHistoryIsDeletedInBatchesByEachTiersRetention(String kind) {
    try (Database db = new Database(TestDatabases.fresh(kind), null, null, 4)) {
      History history = history(db, new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1)));
      HistoryStore store = new HistoryStore(db);
      long now = clock.instant().getEpochSecond();
      // 500 days of hours (72 blocks of a week), 70 days of 5 minutes (71 blocks of a day).
      for (int days : new int[] {500, 70}) {
        Tier tier = days == 500 ? Tier.HOUR : Tier.FIVE_MINUTES;
        int n = (int) (days * 86_400L / tier.periodSeconds());
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          t[i] = tier.align(now) - (long) tier.periodSeconds() * (n - i);
          v[i] = i;
        }
        history.write("prod/old", tier, new Points(t, v));
      }
      long before = store.size()[0];
      int deleted = history.trim();
      // Blocks of 28 days wholly older than 455 days, of 7 days wholly older than 63 days.
      assertThat(deleted).isBetween(1, 3);
      assertThat(store.size()[0]).isEqualTo(before - deleted);
      assertThat(store.bounds("prod/old", Tier.HOUR).orElseThrow()[0])
          .isGreaterThan(now - (455 + 28) * 86_400L)
          .isLessThanOrEqualTo(now - 455 * 86_400L);
      assertThat(store.bounds("prod/old", Tier.FIVE_MINUTES).orElseThrow()[0])
          .isGreaterThan(now - (63 + 7) * 86_400L);
      assertThat(history.trim()).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void theHourlyTrimGivesBackTheSpaceOfRewrittenBlocksOnH2AndLosesNoPoint() throws Exception {
    // H2 as stackwatch opens it by default: its background writer, which compacts, does not run.
    try (Database db =
        new Database(TestDatabases.fresh("h2") + Database.H2_SETTINGS, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples);
      // Three hours of polls: every flush rewrote the newest 1-minute blocks, every hour the
      // 5-minute and 1-hour ones, each leaving its old copy in the file.
      poll(samples, history, clock, 3);
      long now = clock.instant().getEpochSecond();
      History.Read before = history.read(CPU, now - 3 * 3600, now, 1000);
      // Most of the file is old copies; after the trim, most of it is live (the newest chunks,
      // which H2 never rewrites, weigh much in a file this small).
      assertThat(chunksFillRate(db)).isLessThan(30);

      history.trim();

      assertThat(chunksFillRate(db)).isGreaterThan(70);
      History.Read after = history.read(CPU, now - 3 * 3600, now, 1000);
      // 12:01 to 14:54: the polls' minutes from 11:55 on, in the window from 12:00:05.
      assertThat(after.points().size()).isEqualTo(174);
      assertThat(after.points().epochSeconds()).containsExactly(before.points().epochSeconds());
      assertThat(after.points().values()).containsExactly(before.points().values());
    }
  }

  /** The share of the H2 file's chunks that live data takes, in percent. */
  private static int chunksFillRate(Database db) throws java.sql.SQLException {
    try (java.sql.Connection c = db.connection();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r =
            s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
      r.next();
      return Integer.parseInt(r.getString(1));
    }
  }
}
