package io.stackwatch.alarm;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Acknowledgements of alarms, kept in the database (insert-only). An acknowledgement holds for the
 * state the alarm was in when it was made, and for {@code stackwatch.alarms.acknowledgement-expiry}
 * at most: once the alarm changes state, or the time is up, it no longer shows nor quiets repeats.
 */
@Singleton
public class Acknowledgements {

  private final Database database;
  private final Duration expiry;

  @jakarta.inject.Inject
  public Acknowledgements(Database database, AlarmConfig config) {
    this(database, config.acknowledgementExpiry());
  }

  /**
   * @param expiry how long an acknowledgement holds while the alarm stays in its state
   */
  public Acknowledgements(Database database, Duration expiry) {
    this.database = database;
    this.expiry = expiry;
  }

  /** Records an acknowledgement. */
  public Acknowledgement record(String alarmKey, Instant at, String user, String note) {
    Acknowledgement a = of(alarmKey, at, user, note);
    try (Connection c = database.connection()) {
      insert(c, a);
      return a;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the acknowledgement: " + e.getMessage(), e);
    }
  }

  /** An acknowledgement as it is recorded: the note stripped. */
  public static Acknowledgement of(String alarmKey, Instant at, String user, String note) {
    return new Acknowledgement(alarmKey, at, user, note == null ? "" : note.strip());
  }

  /** Records an acknowledgement within the caller's transaction (with its audit row). */
  public static void insert(Connection c, Acknowledgement a) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alarm_acknowledgement (alarm_key, acknowledged_at, username, note)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, a.alarmKey());
      s.setTimestamp(2, Timestamp.from(a.at()));
      s.setString(3, a.user());
      s.setString(4, a.note());
      s.executeUpdate();
    }
  }

  /** The newest acknowledgement of every alarm ever acknowledged, by alarm key. */
  public Map<String, Acknowledgement> latest() {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT alarm_key, acknowledged_at, username, note FROM alarm_acknowledgement"
                    + " WHERE id IN (SELECT MAX(id) FROM alarm_acknowledgement GROUP BY"
                    + " alarm_key)");
        ResultSet r = s.executeQuery()) {
      Map<String, Acknowledgement> out = new HashMap<>();
      while (r.next()) {
        out.put(
            r.getString(1),
            new Acknowledgement(
                r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read acknowledgements: " + e.getMessage(), e);
    }
  }

  /**
   * The acknowledgement that holds for an alarm now: the newest, if made since the alarm entered
   * its present state and less than {@code expiry} ago.
   */
  public Optional<Acknowledgement> holding(
      AlarmStatus status, Map<String, Acknowledgement> latest, Instant now) {
    return Optional.ofNullable(latest.get(status.instance().key()))
        .filter(a -> !a.at().isBefore(status.since()))
        .filter(a -> now.isBefore(a.at().plus(expiry)));
  }
}
