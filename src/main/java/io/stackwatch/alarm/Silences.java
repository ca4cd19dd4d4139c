package io.stackwatch.alarm;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
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

/**
 * Silences, kept in the database that every replica shares, so they survive a restart and each
 * instance sees the others'. A silence is never deleted: expiring one early sets its end to that
 * moment, with who did. Made and expired within the caller's transaction, with its audit row.
 */
@Singleton
public class Silences {

  /** Expired silences listed at most, the most recently ended first. */
  public static final int EXPIRED_LISTED = 50;

  private static final String COLUMNS =
      "s.id, s.starts_at, s.ends_at, s.created_by, s.created_at, s.note, s.expired_by,"
          + " m.seq, m.label_name, m.operator, m.label_value";

  private final Database database;

  public Silences(Database database) {
    this.database = database;
  }

  /** Records a new silence within the caller's transaction (with its audit row). */
  public static void insert(Connection c, Silence s) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO silence (id, starts_at, ends_at, created_by, created_at, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setString(1, s.id());
      p.setTimestamp(2, Timestamp.from(s.startsAt()));
      p.setTimestamp(3, Timestamp.from(s.endsAt()));
      p.setString(4, s.createdBy());
      p.setTimestamp(5, Timestamp.from(s.createdAt()));
      p.setString(6, s.comment());
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO silence_matcher (silence_id, seq, label_name, operator, label_value)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < s.matchers().size(); i++) {
        SilenceMatcher m = s.matchers().get(i);
        p.setString(1, s.id());
        p.setInt(2, i);
        p.setString(3, m.label().key());
        p.setString(4, m.op().symbol());
        p.setString(5, m.value());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  /**
   * Ends a silence that has not ended yet at {@code at}, within the caller's transaction (with its
   * audit row); a pending one starts and ends then.
   *
   * @return whether it was still to end; false when it had ended or does not exist
   */
  public static boolean expire(Connection c, String id, Instant at, String by) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE silence SET ends_at = ?, expired_by = ?,"
                + " starts_at = CASE WHEN starts_at > ? THEN ? ELSE starts_at END"
                + " WHERE id = ? AND ends_at > ?")) {
      Timestamp t = Timestamp.from(at);
      p.setTimestamp(1, t);
      p.setString(2, by);
      p.setTimestamp(3, t);
      p.setTimestamp(4, t);
      p.setString(5, id);
      p.setTimestamp(6, t);
      return p.executeUpdate() == 1;
    }
  }

  /** The silences that have not ended at {@code now}, active and pending, earliest start first. */
  public List<Silence> unexpired(Instant now) {
    return read(
        "read silences",
        "WHERE s.ends_at > ? ORDER BY s.starts_at, s.id, m.seq",
        Timestamp.from(now));
  }

  /**
   * What {@code /silences} lists: every silence that has not ended, then the {@value
   * #EXPIRED_LISTED} that ended last.
   */
  public List<Silence> listed(Instant now) {
    List<Silence> out = new ArrayList<>(unexpired(now));
    out.addAll(
        read(
            "read expired silences",
            "WHERE s.id IN (SELECT id FROM silence WHERE ends_at <= ? ORDER BY ends_at DESC, id"
                + " FETCH FIRST "
                + EXPIRED_LISTED
                + " ROWS ONLY) ORDER BY s.ends_at DESC, s.id, m.seq",
            Timestamp.from(now)));
    return out;
  }

  /** One silence, whatever its state; none for an id no silence could have. */
  public Optional<Silence> find(String id) {
    if (id == null
        || id.length() > 36
        || !id.chars().allMatch(ch -> ch == '-' || Character.isLetterOrDigit(ch))) {
      return Optional.empty();
    }
    return read("read a silence", "WHERE s.id = ? ORDER BY m.seq", id).stream().findFirst();
  }

  private List<Silence> read(String what, String where, Object parameter) {
    try (Connection c = database.connection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM silence s LEFT JOIN silence_matcher m ON m.silence_id = s.id "
                    + where)) {
      p.setObject(1, parameter);
      Map<String, Silence> out = new LinkedHashMap<>();
      Map<String, List<SilenceMatcher>> matchers = new LinkedHashMap<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String id = r.getString(1);
          if (!out.containsKey(id)) {
            matchers.put(id, new ArrayList<>());
            out.put(
                id,
                new Silence(
                    id,
                    List.of(),
                    r.getTimestamp(2).toInstant(),
                    r.getTimestamp(3).toInstant(),
                    r.getString(4),
                    r.getTimestamp(5).toInstant(),
                    r.getString(6),
                    Optional.ofNullable(r.getString(7))));
          }
          if (r.getString(9) != null) {
            matchers.get(id).add(matcher(r.getString(9), r.getString(10), r.getString(11)));
          }
        }
      }
      return out.values().stream()
          .map(
              s ->
                  new Silence(
                      s.id(),
                      matchers.get(s.id()),
                      s.startsAt(),
                      s.endsAt(),
                      s.createdBy(),
                      s.createdAt(),
                      s.comment(),
                      s.expiredBy()))
          .toList();
    } catch (SQLException e) {
      throw database.failure("Cannot " + what, e);
    }
  }

  private static SilenceMatcher matcher(String label, String op, String value) {
    return SilenceMatcher.of(
        SilenceMatcher.Label.parse(label).orElseThrow(),
        SilenceMatcher.Op.parse(op).orElseThrow(),
        value);
  }
}
