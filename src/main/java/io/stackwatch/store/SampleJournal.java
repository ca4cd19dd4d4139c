package io.stackwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the polling instance collects, shared through the database with the instances that only
 * serve: the new points of every poll and each environment's poll status. The poller writes them
 * after each poll; the others load the rows newer than the last they read, in order, into their own
 * {@link SampleStore} and {@link Freshness}, so every instance shows the same numbers. Only on
 * PostgreSQL, the one store several instances can share; on H2 there is one instance and nothing to
 * share.
 */
public final class SampleJournal {

  private static final Logger LOG = Logger.getLogger(SampleJournal.class);
  // Points kept for a later write while the store is away, at most (a day of the seed stack).
  private static final int MAX_UNWRITTEN = 500_000;
  private static final String SKIP_SEPARATOR = "\n";

  private record Row(String key, long at, double value) {}

  private final Database database;
  private final SampleStore samples;
  private final Freshness freshness;
  private final List<Row> unwritten = new ArrayList<>();
  private long lastId;

  public SampleJournal(Database database, SampleStore samples, Freshness freshness) {
    this.database = database;
    this.samples = samples;
    this.freshness = freshness;
    if (enabled()) {
      samples.shareThrough(this);
    }
  }

  /** Whether points are shared at all: only on PostgreSQL. */
  public boolean enabled() {
    return database.isPostgres();
  }

  /** Notes points just put in the local store, to be written by {@link #publish}. */
  synchronized void add(String key, long[] epochSeconds, double[] values) {
    if (!enabled()) {
      return;
    }
    for (int i = 0; i < epochSeconds.length; i++) {
      unwritten.add(new Row(key, epochSeconds[i], values[i]));
    }
    if (unwritten.size() > MAX_UNWRITTEN) {
      // The store has been away for long: the oldest points are the least needed.
      unwritten.subList(0, unwritten.size() - MAX_UNWRITTEN).clear();
    }
  }

  /**
   * Writes the points noted since the last write, and every environment's poll status, and forgets
   * points older than {@code keepFrom}. While the store is away the points wait for the next call.
   */
  public synchronized void publish(long keepFromEpochSecond) {
    if (!enabled()) {
      return;
    }
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO sample_point (series_key, at_epoch, val) VALUES (?, ?, ?)")) {
        for (Row r : unwritten) {
          s.setString(1, r.key());
          s.setLong(2, r.at());
          s.setDouble(3, r.value());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement d =
          c.prepareStatement("DELETE FROM sample_point WHERE at_epoch < ?")) {
        d.setLong(1, keepFromEpochSecond);
        d.executeUpdate();
      }
      writeStatuses(c);
      c.commit();
      unwritten.clear();
    } catch (SQLException | StoreUnavailableException e) {
      LOG.warnf(
          "Cannot share %d points with the other instances, will retry: %s",
          unwritten.size(), e.getMessage());
    }
  }

  private void writeStatuses(Connection c) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM poll_status");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO poll_status (environment, last_attempt, last_success, last_error,"
                    + " skipped) VALUES (?, ?, ?, ?, ?)")) {
      d.executeUpdate();
      for (Map.Entry<String, Freshness.Status> e : freshness.all().entrySet()) {
        Freshness.Status st = e.getValue();
        s.setString(1, e.getKey());
        s.setTimestamp(2, st.lastAttempt().map(Timestamp::from).orElse(null));
        s.setTimestamp(3, st.lastSuccess().map(Timestamp::from).orElse(null));
        s.setString(4, st.lastError().map(m -> clip(m)).orElse(null));
        List<String> skipped = freshness.skipped(e.getKey());
        s.setString(5, skipped.isEmpty() ? null : clip(String.join(SKIP_SEPARATOR, skipped)));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Loads the points and poll statuses another instance wrote since the last load.
   *
   * @return points loaded
   * @throws StoreUnavailableException when the store is away
   */
  public synchronized int load() {
    if (!enabled()) {
      return 0;
    }
    Map<String, List<Row>> bySeries = new LinkedHashMap<>();
    int n = 0;
    try (Connection c = database.connection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT id, series_key, at_epoch, val FROM sample_point WHERE id > ? ORDER BY id")) {
        s.setLong(1, lastId);
        s.setFetchSize(10_000);
        // A transaction, so the driver streams the rows instead of holding them all.
        c.setAutoCommit(false);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            lastId = r.getLong(1);
            bySeries
                .computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                .add(new Row(r.getString(2), r.getLong(3), r.getDouble(4)));
            n++;
          }
        }
        c.commit();
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT environment, last_attempt, last_success, last_error, skipped"
                      + " FROM poll_status");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String skipped = r.getString(5);
          freshness.restore(
              r.getString(1),
              new Freshness.Status(
                  instant(r.getTimestamp(2)),
                  instant(r.getTimestamp(3)),
                  Optional.ofNullable(r.getString(4))),
              skipped == null ? List.of() : List.of(skipped.split(SKIP_SEPARATOR)));
        }
      }
    } catch (SQLException e) {
      throw database.failure("Cannot load shared points", e);
    }
    // In id order per series; a point written again (a revision) replaces the earlier one.
    for (Map.Entry<String, List<Row>> e : bySeries.entrySet()) {
      List<Row> rows = e.getValue();
      for (Row r : rows) {
        samples.restore(e.getKey(), new long[] {r.at()}, new double[] {r.value()});
      }
    }
    return n;
  }

  private static Optional<Instant> instant(Timestamp t) {
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  private static String clip(String s) {
    return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }
}
