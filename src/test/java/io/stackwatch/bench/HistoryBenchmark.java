package io.stackwatch.bench;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.TestClock;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import io.stackwatch.store.Database;
import io.stackwatch.store.History;
import io.stackwatch.store.HistoryConfig;
import io.stackwatch.store.HistoryStore;
import io.stackwatch.store.SampleStore;
import io.stackwatch.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * History of a 10,000-series estate (100 with {@code -Dbench.small=true}) on H2 and on PostgreSQL:
 * 15 months of 1-hour points, 63 days of 5-minute points and 2 days of 1-minute points per series,
 * written as the tiers hold them; then the database's size, the time to roll up an hour of the
 * whole estate's 1-minute points, and the time a restart takes until the full history is readable
 * again (a new pool, the last 24 hours of minutes loaded into memory). Values follow the
 * simulator's shape: a daily cycle with a few percent of noise, counts as whole numbers. Prints a
 * table and writes {@code target/bench/history.json}; measured, never asserted.
 */
class HistoryBenchmark {

  static final HistoryConfig CONFIG =
      new SmallRyeConfigBuilder()
          .withMapping(HistoryConfig.class)
          .withConverter(Duration.class, 100, new DurationConverter())
          .build()
          .getConfigMapping(HistoryConfig.class);

  record Result(
      String database,
      int series,
      long points,
      long writeMillis,
      long blocks,
      long dataBytes,
      long loadBytes,
      long storeBytes,
      long rollupMillis,
      long pollMillis,
      long restartMillis,
      long restoredPoints,
      double read30dMillis,
      double read15moMillis) {}

  @Test
  void run() throws Exception {
    int series =
        Integer.getInteger("bench.series", Boolean.getBoolean("bench.small") ? 100 : 10_000);
    List<Result> results = new ArrayList<>();
    for (String kind : System.getProperty("bench.databases", "h2,postgresql").split(",")) {
      results.add(measure(kind, series));
    }
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %7s %13s %9s %9s %11s %9s %11s %9s %9s %8s %10s %8s %8s%n",
                "database",
                "series",
                "points",
                "write s",
                "blocks",
                "data MB",
                "load MB",
                "store MB",
                "B/point",
                "rollup s",
                "poll s",
                "restart s",
                "30d ms",
                "15mo ms"));
    for (Result r : results) {
      table.append(
          String.format(
              Locale.ROOT,
              "%-10s %7d %,13d %9.1f %,9d %11.1f %9.1f %11.1f %9.2f %9.2f %8.2f %10.2f %8.1f %8.1f%n",
              r.database(),
              r.series(),
              r.points(),
              r.writeMillis() / 1000.0,
              r.blocks(),
              r.dataBytes() / 1e6,
              r.loadBytes() / 1e6,
              r.storeBytes() / 1e6,
              (double) r.storeBytes() / r.points(),
              r.rollupMillis() / 1000.0,
              r.pollMillis() / 1000.0,
              r.restartMillis() / 1000.0,
              r.read30dMillis(),
              r.read15moMillis()));
    }
    System.out.println(
        "\nstackwatch history benchmark: 15 months (1 h), 63 days (5 min), 2 days (1 min) per"
            + " series; load MB = the database after writing them whole; store MB, B/point = after"
            + " hours of polls as the product makes them (bench.hours, 6; PostgreSQL vacuumed"
            + " when autovacuum would), with data MB and blocks; rollup s = one hour of every series' minutes written and rolled up;"
            + " poll s = one poll's flush, the hourly rollup and trim included;"
            + " restart s = new pool to the last 24 h in memory; 30d/15mo ms = one series read"
            + " at the tier the range calls for\n"
            + table);
    Path out = Path.of("target/bench/history.json");
    Files.createDirectories(out.getParent());
    StringBuilder json = new StringBuilder("[\n");
    for (Result r : results) {
      json.append(
          String.format(
              Locale.ROOT,
              "  {\"database\":\"%s\",\"series\":%d,\"points\":%d,\"write_ms\":%d,\"blocks\":%d,"
                  + "\"data_bytes\":%d,\"load_bytes\":%d,\"store_bytes\":%d,\"rollup_hour_ms\":%d,"
                  + "\"poll_ms\":%d,\"restart_ms\":%d,\"read_30d_ms\":%.2f,\"read_15mo_ms\":%.2f}%s%n",
              r.database(),
              r.series(),
              r.points(),
              r.writeMillis(),
              r.blocks(),
              r.dataBytes(),
              r.loadBytes(),
              r.storeBytes(),
              r.rollupMillis(),
              r.pollMillis(),
              r.restartMillis(),
              r.read30dMillis(),
              r.read15moMillis(),
              r == results.get(results.size() - 1) ? "" : ","));
    }
    Files.writeString(out, json.append("]\n").toString());
  }

  /** The product's history over a database, a day of minutes in memory, every series averaged. */
  private static History history(Database db, SampleStore samples, TestClock clock) {
    return new History(
        new HistoryStore(db), samples, k -> Rollup.AVERAGE, CONFIG, Duration.ofHours(24), clock);
  }

  private Result measure(String kind, int series) throws Exception {
    String url = TestDatabases.fresh(kind);
    // H2 as the product opens it by default. Its polls are 5 minutes apart, longer than H2 keeps a
    // dead chunk before it reuses the space (45 s); these follow each other within a second, so
    // the space is reused at once (RETENTION_TIME=0), as it would be by the next real poll.
    String settings = kind.equals("h2") ? Database.H2_SETTINGS + ";RETENTION_TIME=0" : "";
    TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:05Z"));
    long now = clock.instant().getEpochSecond();
    long points = 0;
    long started = System.nanoTime();
    // Block by block in time, every series' block together, as the polls create them: a
    // series' blocks of one tier and time lie side by side in the table, as in the product.
    try (Database db = new Database(url + settings, null, null, 4)) {
      HistoryStore store = new HistoryStore(db);
      List<long[]> blocks = new ArrayList<>();
      for (Tier tier : Tier.values()) {
        long from = now - kept(tier).toSeconds();
        for (long b = tier.blockStart(tier.align(from) + tier.periodSeconds());
            b <= now;
            b += tier.blockSeconds()) {
          blocks.add(new long[] {b, tier.ordinal()});
        }
      }
      blocks.sort(java.util.Comparator.comparingLong(b -> b[0]));
      List<HistoryStore.Write> batch = new ArrayList<>();
      // The product compacts the file every hour (History.trim); over these 15 months written at
      // once, once a simulated week: fewer compactions than the product's, so no smaller a file.
      long compacted = blocks.isEmpty() ? 0 : blocks.get(0)[0];
      for (long[] block : blocks) {
        if (block[0] - compacted >= Duration.ofDays(7).toSeconds()) {
          store.merge(batch);
          batch.clear();
          store.compact(Duration.ofSeconds(30));
          compacted = block[0];
        }
        Tier tier = Tier.values()[(int) block[1]];
        long from = Math.max(now - kept(tier).toSeconds(), block[0] - tier.periodSeconds());
        long to = Math.min(now, block[0] + tier.blockSeconds() - 1);
        for (int s = 0; s < series; s++) {
          WeightedPoints p = synthetic(s, tier, from, to);
          points += p.size();
          batch.add(new HistoryStore.Write("env" + (s / 75) + "/series." + s, tier, p));
          if (batch.size() >= 60) {
            store.merge(batch);
            batch.clear();
          }
        }
      }
      store.merge(batch);
    }
    long writeMillis = (System.nanoTime() - started) / 1_000_000;
    long[] size;
    long loadBytes;
    try (Database db = new Database(url + settings, null, null, 4)) {
      loadBytes = storeBytes(db, url);
    }

    // One hour of every series' minutes, as the polls put them, written and rolled up.
    long rollupMillis;
    try (Database db = new Database(url + settings, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples, clock);
      long hour = now / 3600 * 3600;
      for (int s = 0; s < series; s++) {
        WeightedPoints p = synthetic(s, Tier.MINUTE, hour, hour + 3599);
        samples.put("env" + (s / 75) + "/series." + s, p.epochSeconds(), p.values());
      }
      clock.advance(Duration.ofMinutes(75));
      long t = System.nanoTime();
      history.flush();
      rollupMillis = (System.nanoTime() - t) / 1_000_000;
    }

    // Hours of polls as the product makes them, on one pool: every 5 minutes each series' newest
    // minutes flushed (its 1-minute block rewritten), each hour rolled up (its 5-minute and 1-hour
    // blocks rewritten) and the old blocks trimmed. The database's size is measured after them.
    int hours = Integer.getInteger("bench.hours", 6);
    long pollMillis;
    long storeBytes;
    try (Database db = new Database(url + settings, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples, clock);
      long rows = new HistoryStore(db).size()[0];
      long dead = 0;
      long t = System.nanoTime();
      for (int poll = 1; poll <= hours * 12; poll++) {
        clock.advance(Duration.ofMinutes(5));
        long end = clock.instant().getEpochSecond() / 60 * 60;
        for (int s = 0; s < series; s++) {
          WeightedPoints p = synthetic(s, Tier.MINUTE, end - 300, end);
          samples.put("env" + (s / 75) + "/series." + s, p.epochSeconds(), p.values());
        }
        dead += history.flush().blocks();
        if (poll % 12 == 0) {
          dead += history.trim();
        }
        if (db.isPostgres() && dead > 50 + rows / 5) {
          vacuum(db);
          dead = 0;
        }
      }
      pollMillis = (System.nanoTime() - t) / 1_000_000 / (hours * 12);
      size = new HistoryStore(db).size();
      storeBytes = storeBytes(db, url);
    }

    // A restart: a new pool on the same database, the last 24 hours of minutes back in memory.
    long restartMillis;
    long restored;
    double read30d;
    double read15mo;
    long t = System.nanoTime();
    try (Database db = new Database(url + settings, null, null, 4)) {
      SampleStore samples = new SampleStore(Duration.ofHours(24), Duration.ofMinutes(1));
      History history = history(db, samples, clock);
      restored = history.restore();
      restartMillis = (System.nanoTime() - t) / 1_000_000;
      long end = clock.instant().getEpochSecond();
      read30d = timeRead(history, series, end - 30 * 86_400L, end);
      read15mo = timeRead(history, series, end - 455 * 86_400L, end);
    }
    return new Result(
        kind,
        series,
        points,
        writeMillis,
        size[0],
        size[1],
        loadBytes,
        storeBytes,
        rollupMillis,
        pollMillis,
        restartMillis,
        restored,
        read30d,
        read15mo);
  }

  private static Duration kept(Tier tier) {
    return switch (tier) {
      case MINUTE -> CONFIG.minuteRetention();
      case FIVE_MINUTES -> CONFIG.fiveMinuteRetention();
      case HOUR -> CONFIG.hourRetention();
    };
  }

  /** Mean milliseconds to read one series over a window at 800 pixels, over 50 series. */
  private static double timeRead(History history, int series, long from, long to) {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20; i++) {
      int s = random.nextInt(series);
      history.read("env" + (s / 75) + "/series." + s, from, to, 1600);
    }
    long t = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      int s = random.nextInt(series);
      history.read("env" + (s / 75) + "/series." + s, from, to, 1600);
    }
    return (System.nanoTime() - t) / 1e6 / 50;
  }

  /**
   * What PostgreSQL's autovacuum does with its default settings: it wakes every minute and vacuums
   * a table once more than 50 rows and a fifth of them are dead. These polls follow each other
   * within a second, before it wakes, so the loop vacuums when the rows the polls rewrote pass that
   * line. H2 has no such process: the product's {@link History#trim} compacts its file.
   */
  private static void vacuum(Database db) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute("VACUUM history_block");
    }
  }

  /** The database's own size of the history: PostgreSQL's relation with its index and TOAST. */
  private static long storeBytes(Database db, String url) throws Exception {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      if (db.isPostgres()) {
        // As autovacuum would after a load: the planner's statistics.
        s.execute("VACUUM ANALYZE history_block");
        try (ResultSet r = s.executeQuery("SELECT pg_total_relation_size('history_block')")) {
          r.next();
          return r.getLong(1);
        }
      }
      s.execute("CHECKPOINT SYNC");
    }
    // H2 keeps everything in one file; the rest of the schema is a few kilobytes.
    return Files.size(Path.of(url.substring("jdbc:h2:file:".length()) + ".mv.db"));
  }

  /**
   * Points of one series at a tier over {@code [from, to]}: a daily cycle with a few percent of
   * noise; every fourth series a count of whole events.
   */
  static WeightedPoints synthetic(int series, Tier tier, long from, long to) {
    long first = tier.align(from) + tier.periodSeconds();
    int n = (int) ((tier.align(to) - first) / tier.periodSeconds()) + 1;
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    SplittableRandom random = new SplittableRandom(series * 31L + tier.ordinal());
    double level = 20 + (series % 60);
    boolean count = series % 4 == 0;
    for (int i = 0; i < n; i++) {
      t[i] = first + (long) i * tier.periodSeconds();
      double cycle = 1 + 0.3 * Math.sin(2 * Math.PI * (t[i] % 86_400) / 86_400.0);
      double x = level * cycle * (1 + 0.04 * (2 * random.nextDouble() - 1));
      v[i] = count ? Math.floor(x * tier.fullWeight()) : x;
      w[i] = tier.fullWeight();
    }
    return new WeightedPoints(t, v, w);
  }
}
