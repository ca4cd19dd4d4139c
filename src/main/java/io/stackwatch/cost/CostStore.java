package io.stackwatch.cost;

import io.stackwatch.store.Database;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cost Explorer's answers in the database, so a restart does not ask again, and the requests made,
 * so the daily cap holds across restarts too.
 */
@Singleton
public class CostStore {

  private final Database database;

  public CostStore(Database database) {
    this.database = database;
  }

  /** The fetch kind of a month's costs, such as {@code month:2026-11}. */
  static String monthKind(java.time.YearMonth month) {
    return "month:" + month;
  }

  /** Replaces the lines of {@code [from, to)} with a new answer, and notes when it was asked. */
  public void replace(LocalDate from, LocalDate to, List<CostLine> lines, String kind, Instant at) {
    inTransaction(
        c -> {
          try (PreparedStatement d =
              c.prepareStatement("DELETE FROM cost_line WHERE cost_day >= ? AND cost_day < ?")) {
            d.setDate(1, Date.valueOf(from));
            d.setDate(2, Date.valueOf(to));
            d.executeUpdate();
          }
          try (PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO cost_line (cost_day, environment, service, amount, estimated)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            for (CostLine l : merged(lines)) {
              i.setDate(1, Date.valueOf(l.day()));
              i.setString(2, l.environment());
              i.setString(3, l.service());
              i.setBigDecimal(4, l.amount());
              i.setBoolean(5, l.estimated());
              i.addBatch();
            }
            i.executeBatch();
          }
          deleteBy(c, "DELETE FROM cost_fetch WHERE kind = ?", kind);
          try (PreparedStatement f =
              c.prepareStatement("INSERT INTO cost_fetch (kind, fetched_at) VALUES (?, ?)")) {
            f.setString(1, kind);
            f.setTimestamp(2, Timestamp.from(at));
            f.executeUpdate();
          }
        });
  }

  /** Lines split over pages may repeat a key; their amounts add up. */
  private static List<CostLine> merged(List<CostLine> lines) {
    Map<List<Object>, CostLine> byKey = new java.util.LinkedHashMap<>();
    for (CostLine l : lines) {
      byKey.merge(
          List.of(l.day(), l.environment(), l.service()),
          l,
          (a, b) ->
              new CostLine(
                  a.day(),
                  a.environment(),
                  a.service(),
                  a.amount().add(b.amount()),
                  a.estimated() || b.estimated()));
    }
    return List.copyOf(byKey.values());
  }

  public List<CostLine> lines(LocalDate from) {
    List<CostLine> out = new ArrayList<>();
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT cost_day, environment, service, amount, estimated FROM cost_line WHERE cost_day >= ?"
                    + " ORDER BY cost_day")) {
      s.setDate(1, Date.valueOf(from));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new CostLine(
                  r.getDate(1).toLocalDate(),
                  r.getString(2),
                  r.getString(3),
                  r.getBigDecimal(4).stripTrailingZeros(),
                  r.getBoolean(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read costs", e);
    }
  }

  public Optional<Instant> fetchedAt(String kind) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT fetched_at FROM cost_fetch WHERE kind = ?")) {
      s.setString(1, kind);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read cost fetches", e);
    }
  }

  public void saveForecast(String environment, Forecast f) {
    inTransaction(
        c -> {
          deleteBy(c, "DELETE FROM cost_forecast WHERE environment = ?", environment);
          try (PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO cost_forecast (environment, amount, error, asked_at) VALUES (?, ?, ?, ?)")) {
            i.setString(1, environment);
            i.setBigDecimal(2, f.restOfMonth().orElse(null));
            i.setString(3, f.error().orElse(null));
            i.setTimestamp(4, Timestamp.from(f.asOf()));
            i.executeUpdate();
          }
        });
  }

  public Map<String, Forecast> forecasts() {
    Map<String, Forecast> out = new HashMap<>();
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT environment, amount, error, asked_at FROM cost_forecast");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        BigDecimal amount = r.getBigDecimal(2);
        out.put(
            r.getString(1),
            new Forecast(
                Optional.ofNullable(amount).map(BigDecimal::stripTrailingZeros),
                r.getTimestamp(4).toInstant(),
                Optional.ofNullable(r.getString(3))));
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("Cannot read forecasts", e);
    }
  }

  /** Notes HTTP requests made to Cost Explorer, pages and retries included. */
  public void countRequests(Instant at, String operation, int requests) {
    inTransaction(
        c -> {
          try (PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO cost_request (asked_at, operation, requests) VALUES (?, ?, ?)")) {
            i.setTimestamp(1, Timestamp.from(at));
            i.setString(2, operation);
            i.setInt(3, requests);
            i.executeUpdate();
          }
        });
  }

  /** How many requests the last call of an operation took, if it was ever made. */
  public Optional<Integer> lastRequests(String operation) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT requests FROM cost_request WHERE operation = ? ORDER BY id DESC")) {
      s.setMaxRows(1);
      s.setString(1, operation);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getInt(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read cost requests", e);
    }
  }

  /** Requests made at or after a time. */
  public int requestsSince(Instant from) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COALESCE(SUM(requests), 0) FROM cost_request WHERE asked_at >= ?")) {
      s.setTimestamp(1, Timestamp.from(from));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read cost requests", e);
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Work work) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw database.failure("Cannot write costs", e);
    }
  }

  private static void deleteBy(Connection c, String delete, String key) throws SQLException {
    try (PreparedStatement d = c.prepareStatement(delete)) {
      d.setString(1, key);
      d.executeUpdate();
    }
  }
}
