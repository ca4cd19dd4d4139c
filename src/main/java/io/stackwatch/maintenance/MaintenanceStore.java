package io.stackwatch.maintenance;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-offs, tracking dates and evidence in the database, so they survive restarts and every
 * replica sees the same. Sign-offs are an audit trail: inserted, never updated or deleted.
 */
@Singleton
public class MaintenanceStore {

  /**
   * A sign-off as recorded.
   *
   * @param reason why it was signed off while its latest check failed; empty when it did not fail
   * @param failingCheck what that check said then
   */
  public record SignOff(
      String environment,
      String item,
      String by,
      Instant at,
      String note,
      Optional<String> sourceAddress,
      Optional<String> reason,
      Optional<String> failingCheck) {

    /** A sign-off of a chore whose check did not fail. */
    public SignOff(
        String environment,
        String item,
        String by,
        Instant at,
        String note,
        Optional<String> sourceAddress) {
      this(environment, item, by, at, note, sourceAddress, Optional.empty(), Optional.empty());
    }
  }

  private final Database database;

  public MaintenanceStore(Database database) {
    this.database = database;
  }

  public void signOff(SignOff s) {
    try (Connection c = database.connection()) {
      insert(c, s);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write maintenance records: " + e.getMessage(), e);
    }
  }

  /** Records a sign-off within the caller's transaction (with its audit row). */
  public static void insert(Connection c, SignOff s) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO maintenance_signoff (environment, item_id, signed_by, signed_at, note,"
                + " source_address, reason, failing_check) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.environment());
      p.setString(2, s.item());
      p.setString(3, s.by());
      p.setTimestamp(4, Timestamp.from(s.at()));
      p.setString(5, s.note());
      p.setString(6, s.sourceAddress().orElse(null));
      p.setString(7, s.reason().orElse(null));
      p.setString(8, s.failingCheck().map(MaintenanceStore::clip).orElse(null));
      p.executeUpdate();
    }
  }

  /** The newest sign-off time of every chore, keyed {@code environment/item}. */
  public Map<String, Instant> lastDone() {
    Map<String, Instant> out = new HashMap<>();
    query(
        "SELECT environment, item_id, MAX(signed_at) FROM maintenance_signoff"
            + " GROUP BY environment, item_id",
        p -> {},
        r -> out.put(key(r.getString(1), r.getString(2)), r.getTimestamp(3).toInstant()));
    return out;
  }

  /** The sign-offs of one chore, newest first. */
  public List<SignOff> history(String environment, String item) {
    return history(environment, item, Integer.MAX_VALUE);
  }

  /** The newest {@code limit} sign-offs of one chore, newest first. */
  public List<SignOff> history(String environment, String item, int limit) {
    List<SignOff> out = new ArrayList<>();
    query(
        "SELECT signed_by, signed_at, note, source_address, reason, failing_check"
            + " FROM maintenance_signoff"
            + " WHERE environment = ? AND item_id = ? ORDER BY signed_at DESC, id DESC"
            + " FETCH FIRST "
            + Math.max(0, limit)
            + " ROWS ONLY",
        p -> {
          p.setString(1, environment);
          p.setString(2, item);
        },
        r ->
            out.add(
                new SignOff(
                    environment,
                    item,
                    r.getString(1),
                    r.getTimestamp(2).toInstant(),
                    r.getString(3),
                    Optional.ofNullable(r.getString(4)),
                    Optional.ofNullable(r.getString(5)),
                    Optional.ofNullable(r.getString(6)))));
    return out;
  }

  /** When each chore was first tracked, keyed {@code environment/item}. */
  public Map<String, Instant> trackedSince() {
    Map<String, Instant> out = new HashMap<>();
    query(
        "SELECT environment, item_id, tracked_since FROM maintenance_tracking",
        p -> {},
        r -> out.put(key(r.getString(1), r.getString(2)), r.getTimestamp(3).toInstant()));
    return out;
  }

  /** Notes that a chore is tracked from {@code at}, unless it already was. */
  public void track(String environment, String item, Instant at) {
    try {
      update(
          "INSERT INTO maintenance_tracking (environment, item_id, tracked_since) VALUES (?, ?, ?)",
          p -> {
            p.setString(1, environment);
            p.setString(2, item);
            p.setTimestamp(3, Timestamp.from(at));
          });
    } catch (IllegalStateException e) {
      // Another replica or an earlier start tracked it first: its date stands.
      if (!(e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState()))) {
        throw e;
      }
    }
  }

  /** Replaces the evidence of one chore. */
  public void saveEvidence(String environment, String item, Evidence e) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement d =
              c.prepareStatement(
                  "DELETE FROM maintenance_evidence WHERE environment = ? AND item_id = ?");
          PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO maintenance_evidence (environment, item_id, check_name, verdict,"
                      + " detail, checked_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        d.setString(1, environment);
        d.setString(2, item);
        d.executeUpdate();
        i.setString(1, environment);
        i.setString(2, item);
        i.setString(3, e.check().yamlName());
        i.setString(4, e.verdict().name());
        String detail = e.detail();
        i.setString(5, detail.length() > 4000 ? detail.substring(0, 3997) + "..." : detail);
        i.setTimestamp(6, Timestamp.from(e.at()));
        i.executeUpdate();
        c.commit();
      } catch (SQLException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("Cannot store maintenance evidence: " + ex.getMessage(), ex);
    }
  }

  /** The newest evidence of every chore, keyed {@code environment/item}. */
  public Map<String, Evidence> evidence() {
    Map<String, Evidence> out = new HashMap<>();
    query(
        "SELECT environment, item_id, check_name, verdict, detail, checked_at"
            + " FROM maintenance_evidence",
        p -> {},
        r -> {
          String name = r.getString(3);
          Optional<CheckKind> check =
              java.util.Arrays.stream(CheckKind.values())
                  .filter(k -> k.yamlName().equals(name))
                  .findFirst();
          // Evidence of a check this version no longer knows is skipped, not fatal.
          if (check.isPresent()) {
            out.put(
                key(r.getString(1), r.getString(2)),
                new Evidence(
                    check.get(),
                    Verdict.valueOf(r.getString(4)),
                    r.getString(5),
                    r.getTimestamp(6).toInstant()));
          }
        });
    return out;
  }

  private static String clip(String detail) {
    return detail.length() > 4000 ? detail.substring(0, 3997) + "..." : detail;
  }

  static String key(String environment, String item) {
    return environment + "/" + item;
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet r) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    try (Connection c = database.connection();
        PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write maintenance records: " + e.getMessage(), e);
    }
  }

  private void query(String sql, Binder binder, RowReader reader) {
    try (Connection c = database.connection();
        PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          reader.read(r);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read maintenance records: " + e.getMessage(), e);
    }
  }
}
