package io.stackwatch.alarm;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarm states and their history in the database. A transition and the new state are written in one
 * transaction, and a transition is unique per alarm and time, so a restart neither loses nor
 * repeats one. A state never moves back in time: a transition older than the stored state is
 * refused, with its history row, so the history stays one chain.
 */
@Singleton
public class AlarmHistory {

  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(AlarmHistory.class);

  private final Database database;

  public AlarmHistory(Database database) {
    this.database = database;
  }

  /** A state as stored: enough to resume after a restart. */
  public record Stored(AlarmState state, Instant since, Optional<Double> value, String reason) {}

  /** The stored state of every alarm, by key. */
  public Map<String, Stored> states() {
    Map<String, Stored> out = new HashMap<>();
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT alarm_key, state, since, datapoint, reason FROM alarm_state");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(
            r.getString("alarm_key"),
            new Stored(
                AlarmState.valueOf(r.getString("state")),
                instant(r, "since"),
                value(r, "datapoint"),
                r.getString("reason")));
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read alarm states", e);
    }
  }

  /**
   * Records a transition and the state it leads to, in one transaction. While the store is away the
   * transition waits in memory, in order with the other waiting writes, and is written when the
   * store returns; the alarm's state in memory has moved on meanwhile.
   *
   * @return true when written now, false when it waits for the store
   */
  public boolean record(Transition t) {
    return database.write("transition of " + t.alarmKey(), c -> insert(c, t));
  }

  private static void insert(Connection c, Transition t) throws SQLException {
    if (!writeState(c, t)) {
      LOG.warnf(
          "Refused the transition of %s to %s at %s: the stored state is newer",
          t.alarmKey(), t.to(), t.at());
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alarm_transition (alarm_key, environment, alarm_id, title, severity,"
                + " from_state, to_state, changed_at, datapoint, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, t.alarmKey());
      s.setString(2, t.environment());
      s.setString(3, t.alarmId());
      s.setString(4, t.title());
      s.setString(5, t.severity().name());
      s.setString(6, t.from().name());
      s.setString(7, t.to().name());
      s.setTimestamp(8, Timestamp.from(t.at()));
      setValue(s, 9, t.value());
      s.setString(10, t.reason());
      s.executeUpdate();
    }
  }

  /**
   * Stores the latest value and reason of alarms whose state did not change, so other instances
   * show what this one shows. Best effort: skipped while the store is away, the next poll writes
   * them again.
   */
  public void updateShown(List<Stored> shown, List<String> keys) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE alarm_state SET datapoint = ?, reason = ? WHERE alarm_key = ? AND state = ?")) {
      for (int i = 0; i < keys.size(); i++) {
        Stored st = shown.get(i);
        setValue(s, 1, st.value());
        s.setString(2, st.reason());
        s.setString(3, keys.get(i));
        s.setString(4, st.state().name());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw database.failure("Cannot update alarm values", e);
    }
  }

  /** Moves the stored state forward to the transition's; false when the stored one is newer. */
  private static boolean writeState(Connection c, Transition t) throws SQLException {
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE alarm_state SET state = ?, since = ?, datapoint = ?, reason = ?"
                + " WHERE alarm_key = ? AND since < ?")) {
      u.setString(1, t.to().name());
      u.setTimestamp(2, Timestamp.from(t.at()));
      setValue(u, 3, t.value());
      u.setString(4, t.reason());
      u.setString(5, t.alarmKey());
      u.setTimestamp(6, Timestamp.from(t.at()));
      if (u.executeUpdate() == 1) {
        return true;
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM alarm_state WHERE alarm_key = ?")) {
      s.setString(1, t.alarmKey());
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement i =
        c.prepareStatement(
            "INSERT INTO alarm_state (alarm_key, environment, state, since, datapoint, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      i.setString(1, t.alarmKey());
      i.setString(2, t.environment());
      i.setString(3, t.to().name());
      i.setTimestamp(4, Timestamp.from(t.at()));
      setValue(i, 5, t.value());
      i.setString(6, t.reason());
      i.executeUpdate();
    }
    return true;
  }

  /** The newest transitions of one alarm, newest first. */
  public List<Transition> history(String alarmKey, int limit) {
    return query(
        "SELECT * FROM alarm_transition WHERE alarm_key = ? ORDER BY changed_at DESC, id DESC",
        limit,
        s -> s.setString(1, alarmKey));
  }

  /** Every transition at or after a time, oldest first. */
  public List<Transition> since(Instant from) {
    return query(
        "SELECT * FROM alarm_transition WHERE changed_at >= ? ORDER BY changed_at, id",
        10_000,
        s -> s.setTimestamp(1, Timestamp.from(from)));
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private List<Transition> query(String sql, int limit, Binder binder) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(limit);
      binder.bind(s);
      List<Transition> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Transition(
                  r.getString("alarm_key"),
                  r.getString("environment"),
                  r.getString("alarm_id"),
                  r.getString("title"),
                  Severity.valueOf(r.getString("severity")),
                  AlarmState.valueOf(r.getString("from_state")),
                  AlarmState.valueOf(r.getString("to_state")),
                  instant(r, "changed_at"),
                  value(r, "datapoint"),
                  r.getString("reason")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read alarm history", e);
    }
  }

  private static void setValue(PreparedStatement s, int i, Optional<Double> v) throws SQLException {
    if (v.isPresent() && !v.get().isNaN()) {
      s.setDouble(i, v.get());
    } else {
      s.setNull(i, Types.DOUBLE);
    }
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    return r.getTimestamp(column).toInstant();
  }

  private static Optional<Double> value(ResultSet r, String column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Optional.empty() : Optional.of(v);
  }
}
