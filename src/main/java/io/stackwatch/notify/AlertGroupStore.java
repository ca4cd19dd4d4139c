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
 * The alert groups in the database, per route and environment. A send writes the groups as it
 * leaves them and the outbox messages it made in one transaction: either both are stored or
 * neither, so a crash can neither lose a summary nor make it twice.
 */
@Singleton
public class AlertGroupStore {

  /** The root route's key, under which the groups of a tree without routes are stored. */
  public static final String ROOT = "{}";

  private final Database database;

  public AlertGroupStore(Database database) {
    this.database = database;
  }

  /** Every stored group of the root route, environment by environment. */
  public List<AlertGroupState> load() {
    return loadAll().getOrDefault(ROOT, List.of());
  }

  /**
   * Every stored group by route key (see {@code notify.routing.Route#key}), environment by
   * environment, alarms in order of arrival.
   */
  public Map<String, List<AlertGroupState>> loadAll() {
    Map<String, AlertGroupState> groups = new LinkedHashMap<>();
    Map<String, List<GroupedAlarm>> alarms = new LinkedHashMap<>();
    try (Connection c = database.connection()) {
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT route, environment, incident, changed_at, last_sent_at"
                      + " FROM alert_route_group ORDER BY route, environment");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1) + "\n" + r.getString(2);
          groups.put(
              key,
              new AlertGroupState(
                  r.getString(2), r.getString(3), instant(r, 4), instant(r, 5), List.of()));
          alarms.put(key, new ArrayList<>());
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT alarm_key, environment, alarm_id, title, severity, shown_value, reason,"
                      + " runbook, firing, firing_since, resolved_at, notified, route"
                      + " FROM alert_route_group_alarm ORDER BY route, environment, arrival");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<GroupedAlarm> of = alarms.get(r.getString(13) + "\n" + r.getString(2));
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
    Map<String, List<AlertGroupState>> byRoute = new LinkedHashMap<>();
    groups.forEach(
        (key, g) ->
            byRoute
                .computeIfAbsent(key.substring(0, key.indexOf('\n')), k -> new ArrayList<>())
                .add(
                    new AlertGroupState(
                        g.environment(),
                        g.incident(),
                        g.changedAt(),
                        g.lastSentAt(),
                        alarms.get(key))));
    return byRoute;
  }

  /** As {@link #save(String, Collection, List, List, Instant)}, for the root route's groups. */
  public void save(
      Collection<String> environments,
      List<AlertGroupState> states,
      List<Delivery> messages,
      Instant at) {
    save(ROOT, environments, states, messages, at);
  }

  /**
   * Stores one route's groups of some environments as they stand, and the messages of a send, in
   * one transaction. An environment among {@code environments} without a state has no group of that
   * route any more.
   */
  public void save(
      String route,
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
            delete(
                c,
                "DELETE FROM alert_route_group_alarm WHERE route = ? AND environment = ?",
                route,
                env);
            delete(
                c, "DELETE FROM alert_route_group WHERE route = ? AND environment = ?", route, env);
          }
          for (AlertGroupState g : groups) {
            insert(c, route, g);
          }
          Outbox.insert(c, deliveries, ids, at);
        });
  }

  /**
   * Forgets every group of routes the tree no longer has, once their alarms went to the routes that
   * take them now.
   */
  public void forget(Collection<String> routes) {
    List<String> gone = List.copyOf(routes);
    if (gone.isEmpty()) {
      return;
    }
    database.write(
        "alert groups of routes no longer configured",
        c -> {
          for (String route : gone) {
            delete(c, "DELETE FROM alert_route_group_alarm WHERE route = ?", route);
            delete(c, "DELETE FROM alert_route_group WHERE route = ?", route);
          }
        });
  }

  private static void insert(Connection c, String route, AlertGroupState g) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alert_route_group (route, environment, incident, changed_at,"
                + " last_sent_at) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, route);
      s.setString(2, g.environment());
      s.setString(3, g.incident());
      s.setTimestamp(4, g.changedAt().map(Timestamp::from).orElse(null));
      s.setTimestamp(5, g.lastSentAt().map(Timestamp::from).orElse(null));
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alert_route_group_alarm (alarm_key, environment, arrival, alarm_id,"
                + " title, severity, shown_value, reason, runbook, firing, firing_since,"
                + " resolved_at, notified, route)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        s.setString(14, route);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void delete(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
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
