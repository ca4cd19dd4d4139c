package io.stackwatch.notify.outbox;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.message.Message;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.OutboxMessage.Status;
import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The persistent outbox: every message is written here before anyone tries to send it, and stays
 * pending, across restarts and SNS outages, until SNS returned a MessageId for it. Each gets its
 * deduplication id when written, so a resend after a crash carries the same one.
 */
@Singleton
public class Outbox {

  /** Messages a page or the API lists at most, newest first. */
  public static final int LISTED = 200;

  private static final String COLUMNS =
      "id, topic_arn, environment, event_kind, severity, message_format, subject, body,"
          + " deduplication_id, created_at, status, attempts, next_attempt_at, last_attempt_at,"
          + " last_error, sent_at, message_id";

  private final Database database;

  public Outbox(Database database) {
    this.database = database;
  }

  /** Writes messages, in order, in one transaction; they are due at once. */
  public void enqueue(List<Delivery> deliveries, Instant at) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        insert(c, deliveries, at);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw database.failure("Cannot write to the outbox", e);
    }
  }

  /** New deduplication ids, one per message, fixed before the first attempt to write them. */
  public static List<String> deduplicationIds(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }

  /** Writes messages within the caller's transaction. */
  static void insert(Connection c, List<Delivery> deliveries, Instant at) throws SQLException {
    insert(c, deliveries, deduplicationIds(deliveries.size()), at);
  }

  /**
   * Writes messages with the given deduplication ids within the caller's transaction; writing the
   * same ids again fails on their unique key, so a replay cannot double a message.
   */
  public static void insert(Connection c, List<Delivery> deliveries, List<String> ids, Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO notification_outbox (topic_arn, environment, event_kind, severity,"
                + " message_format, subject, body, deduplication_id, created_at, status, attempts,"
                + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      for (int i = 0; i < deliveries.size(); i++) {
        Delivery d = deliveries.get(i);
        Message m = d.message();
        s.setString(1, d.topic().arn());
        s.setString(2, m.environment());
        s.setString(3, m.event().name());
        s.setString(4, m.severity().name());
        s.setString(5, d.topic().format().name());
        s.setString(6, m.subject());
        s.setString(7, m.body());
        s.setString(8, ids.get(i));
        s.setTimestamp(9, Timestamp.from(at));
        s.setString(10, Status.PENDING.name());
        s.setTimestamp(11, Timestamp.from(at));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Every pending message, oldest first. */
  public List<OutboxMessage> pending() {
    return query(
        "SELECT " + COLUMNS + " FROM notification_outbox WHERE status = ? ORDER BY id",
        Integer.MAX_VALUE,
        s -> s.setString(1, Status.PENDING.name()));
  }

  /** The newest messages of any status, newest first. */
  public List<OutboxMessage> recent(int limit) {
    return query(
        "SELECT " + COLUMNS + " FROM notification_outbox ORDER BY id DESC", limit, s -> {});
  }

  /** How many messages there are of each status. */
  public Map<Status, Long> counts() {
    Map<Status, Long> out = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      out.put(s, 0L);
    }
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT status, COUNT(*) FROM notification_outbox GROUP BY status");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(Status.valueOf(r.getString(1)), r.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read the outbox", e);
    }
  }

  /** When the newest message of this kind for an environment was written, if ever. */
  public Optional<Instant> lastWritten(String environment, NotificationEvent event) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT MAX(created_at) FROM notification_outbox"
                    + " WHERE environment = ? AND event_kind = ?")) {
      s.setString(1, environment);
      s.setString(2, event.name());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        Timestamp t = r.getTimestamp(1);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read the outbox", e);
    }
  }

  /** SNS took the message: it will not be sent again. */
  public void markSent(long id, String messageId, Instant at) {
    update(
        "UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?,"
            + " sent_at = ?, message_id = ? WHERE id = ? AND status = ?",
        s -> {
          s.setString(1, Status.SENT.name());
          s.setTimestamp(2, Timestamp.from(at));
          s.setTimestamp(3, Timestamp.from(at));
          s.setString(4, messageId);
          s.setLong(5, id);
          s.setString(6, Status.PENDING.name());
        });
  }

  /** The attempt failed, for now: the message stays pending until {@code next}. */
  public void markRetry(long id, String error, Instant at, Instant next) {
    update(
        "UPDATE notification_outbox SET attempts = attempts + 1, last_attempt_at = ?,"
            + " last_error = ?, next_attempt_at = ? WHERE id = ? AND status = ?",
        s -> {
          s.setTimestamp(1, Timestamp.from(at));
          s.setString(2, truncate(error));
          s.setTimestamp(3, Timestamp.from(next));
          s.setLong(4, id);
          s.setString(5, Status.PENDING.name());
        });
  }

  /** SNS refused the message itself: it is kept, listed as failed, and not tried again. */
  public void markFailed(long id, String error, Instant at) {
    update(
        "UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_attempt_at = ?,"
            + " last_error = ? WHERE id = ? AND status = ?",
        s -> {
          s.setString(1, Status.FAILED.name());
          s.setTimestamp(2, Timestamp.from(at));
          s.setString(3, truncate(error));
          s.setLong(4, id);
          s.setString(5, Status.PENDING.name());
        });
  }

  /** Forgets sent and failed messages written before a time; pending ones stay whatever age. */
  public int prune(Instant before) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM notification_outbox WHERE status <> ? AND created_at < ?")) {
      s.setString(1, Status.PENDING.name());
      s.setTimestamp(2, Timestamp.from(before));
      return s.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("Cannot prune the outbox", e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      s.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("Cannot update the outbox", e);
    }
  }

  private List<OutboxMessage> query(String sql, int limit, Binder binder) {
    try (Connection c = database.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(limit);
      binder.bind(s);
      List<OutboxMessage> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new OutboxMessage(
                  r.getLong("id"),
                  r.getString("topic_arn"),
                  r.getString("environment"),
                  NotificationEvent.valueOf(r.getString("event_kind")),
                  Severity.valueOf(r.getString("severity")),
                  TopicFormat.valueOf(r.getString("message_format")),
                  r.getString("subject"),
                  r.getString("body"),
                  r.getString("deduplication_id"),
                  r.getTimestamp("created_at").toInstant(),
                  Status.valueOf(r.getString("status")),
                  r.getInt("attempts"),
                  r.getTimestamp("next_attempt_at").toInstant(),
                  instant(r, "last_attempt_at"),
                  Optional.ofNullable(r.getString("last_error")),
                  instant(r, "sent_at"),
                  Optional.ofNullable(r.getString("message_id"))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read the outbox", e);
    }
  }

  private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
    Timestamp t = r.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 997) + "...";
  }
}
