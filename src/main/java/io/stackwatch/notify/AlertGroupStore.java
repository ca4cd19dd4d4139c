package io.stackwatch.notify;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertGroupState;
import io.stackwatch.notify.grouping.GroupedAlarm;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert groups in the database. A send writes the groups as it leaves them and the outbox
 * messages it made in one transaction: either both are stored or neither, so a crash can neither
 * lose a summary nor make it twice.
 */
@Singleton
public class AlertGroupStore {

  private final Database database;

  public AlertGroupStore(Database database) {
    this.database = database;
  }

  /** Every stored group, environment by environment, alarms in order of arrival. */
  public List<AlertGroupState> load() {
    Map<String, AlertGroupState> groups = new LinkedHashMap<>();
    Map<String, List<GroupedAlarm>> alarms = new LinkedHashMap<>();
    try (Connection c = database.connection()) {
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT environment, incident, changed_at, last_sent_at FROM alert_group"
                      + " ORDER BY environment");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String env = r.getString(1);
          groups.put(
              env,
              new AlertGroupState(env, r.getString(2), instant(r, 3), instant(r, 4), List.of()));
          alarms.put(env, new ArrayList<>());
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT alarm_key, environment, alarm_id, title, severity, shown_value, reason,"
                      + " runbook, firing, firing_since, resolved_at, notified"
                      + " FROM alert_group_alarm ORDER BY environment, arrival");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<GroupedAlarm> of = alarms.get(r.getString(2));
          if (of == null) {
            continue;
          }
          of.add(
              new GroupedAlarm(
                  new Alert(
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      Severity.valueOf(r.getString(5)),
                      r.getString(6),
                      r.getString(7),
                      r.getString(8)),
                  r.getBoolean(9),
                  r.getTimestamp(10).toInstant(),
                  instant(r, 11),
                  r.getBoolean(12)));
        }
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read alert groups", e);
    }
    return groups.values().stream()
        .map(
            g ->
                new AlertGroupState(
                    g.environment(),
                    g.incident(),
                    g.changedAt(),
                    g.lastSentAt(),
                    alarms.get(g.environment())))
        .toList();
  }

  /**
   * Stores the groups of some environments as they stand, and the messages of a send, in one
   * transaction. An environment among {@code environments} without a state has no group any more.
   */
  public void save(
      Collection<String> environments,
      List<AlertGroupState> states,
      List<Delivery> messages,
      Instant at) {
    // Copies taken now: while the store is away the write waits, and the groups move on.
    List<String> envs = List.copyOf(environments);
    List<AlertGroupState> groups = List.copyOf(states);
    List<Delivery> deliveries = List.copyOf(messages);
    List<String> ids = Outbox.deduplicationIds(deliveries.size());
    database.write(
        "alert groups of " + envs + " and " + deliveries.size() + " messages",
        c -> {
          for (String env : envs) {
            delete(c, "DELETE FROM alert_group_alarm WHERE environment = ?", env);
            delete(c, "DELETE FROM alert_group WHERE environment = ?", env);
          }
          for (AlertGroupState g : groups) {
            insert(c, g);
          }
          Outbox.insert(c, deliveries, ids, at);
        });
  }

  private static void insert(Connection c, AlertGroupState g) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alert_group (environment, incident, changed_at, last_sent_at)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setString(1, g.environment());
      s.setString(2, g.incident());
      s.setTimestamp(3, g.changedAt().map(Timestamp::from).orElse(null));
      s.setTimestamp(4, g.lastSentAt().map(Timestamp::from).orElse(null));
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alert_group_alarm (alarm_key, environment, arrival, alarm_id, title,"
                + " severity, shown_value, reason, runbook, firing, firing_since, resolved_at,"
                + " notified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int arrival = 0;
      for (GroupedAlarm a : g.alarms()) {
        Alert alert = a.alert();
        s.setString(1, alert.key());
        s.setString(2, g.environment());
        s.setInt(3, arrival++);
        s.setString(4, alert.alarmId());
        s.setString(5, alert.title());
        s.setString(6, alert.severity().name());
        s.setString(7, alert.value());
        s.setString(8, clip(alert.reason(), 4000));
        s.setString(9, clip(alert.runbook(), 10000));
        s.setBoolean(10, a.firing());
        s.setTimestamp(11, Timestamp.from(a.firingSince()));
        s.setTimestamp(12, a.resolvedAt().map(Timestamp::from).orElse(null));
        s.setBoolean(13, a.notified());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void delete(Connection c, String sql, String environment) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, environment);
      s.executeUpdate();
    }
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    Timestamp t = r.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
