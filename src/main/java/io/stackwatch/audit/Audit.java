package io.stackwatch.audit;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail: every state change a person makes is recorded here, with who, when and from
 * where, before the change is answered. Rows are only ever inserted.
 */
@Singleton
public class Audit {

  /** Events a page of the audit trail lists, newest first (the API's pages too). */
  public static final int LISTED = 50;

  /** The last page that may be asked for: {@value} pages of {@value #LISTED}. */
  public static final int LAST_PAGE = 10_000;

  private final Database database;
  private final Clock clock;

  public Audit(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Records a change, now.
   *
   * @return what was recorded
   */
  public AuditEvent record(
      String user, String action, String target, String detail, String sourceAddress) {
    return record(user, action, target, sourceAddress, c -> detail);
  }

  /** A change to record: made on the audit row's connection, it says what to record of it. */
  @FunctionalInterface
  public interface Change {
    /**
     * Makes the change.
     *
     * @return the detail of the audit row
     */
    String make(Connection c) throws SQLException;
  }

  /**
   * Makes a change and records it in one transaction: both are stored or neither. The connection is
   * had before the change is made, so while the store is away the change is refused ({@link
   * io.stackwatch.store.StoreUnavailableException}) before any of it happens.
   *
   * @return what was recorded
   */
  public AuditEvent record(
      String user, String action, String target, String sourceAddress, Change change) {
    AuditEvent[] recorded = new AuditEvent[1];
    database.transaction(
        "record " + action,
        c -> {
          AuditEvent e =
              new AuditEvent(
                  clock.instant(),
                  cut(user, 200),
                  cut(action, 100),
                  cut(target, 300),
                  cut(change.make(c), 2000),
                  cut(sourceAddress, 100));
          insert(c, e);
          recorded[0] = e;
        });
    return recorded[0];
  }

  private static void insert(Connection c, AuditEvent e) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_event (occurred_at, username, action, target, detail,"
                + " source_address) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(e.at()));
      s.setString(2, e.user());
      s.setString(3, e.action());
      s.setString(4, e.target());
      s.setString(5, e.detail());
      s.setString(6, e.sourceAddress());
      s.executeUpdate();
    }
  }

  /** The newest events, newest first. */
  public List<AuditEvent> recent(int limit) {
    return page(limit, 0);
  }

  /** {@code limit} events after the newest {@code skip}, newest first. */
  public List<AuditEvent> page(int limit, int skip) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT occurred_at, username, action, target, detail, source_address"
                    + " FROM audit_event ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
      s.setInt(1, Math.max(0, skip));
      s.setInt(2, Math.max(0, limit));
      List<AuditEvent> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new AuditEvent(
                  r.getTimestamp(1).toInstant(),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6)));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw new IllegalStateException("Cannot read the audit trail: " + ex.getMessage(), ex);
    }
  }

  /** How many events are recorded. */
  public long count() {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_event");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException ex) {
      throw new IllegalStateException("Cannot read the audit trail: " + ex.getMessage(), ex);
    }
  }

  private static String cut(String s, int max) {
    // PostgreSQL stores no NUL in text; the trail keeps the rest of what was given.
    String v = s == null ? "" : s.replace('\0', '\uFFFD');
    return v.length() <= max ? v : v.substring(0, max);
  }
}
