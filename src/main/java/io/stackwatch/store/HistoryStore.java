package io.stackwatch.store;

import io.stackwatch.series.Tier;
import io.stackwatch.series.WeightedPoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The history of every series at CloudWatch's tiers, in the database: one row per series, tier and
 * block of time, its points packed by {@link HistoryBlock}. Writes merge into what a block holds (a
 * point at a time already held replaces it); reads decode the blocks a window touches. H2 and
 * PostgreSQL alike; replicas read what the polling instance wrote.
 */
public final class HistoryStore {

  /**
   * Points of one series at one tier to be merged into the store.
   *
   * @param rolled rolled up by stackwatch: such a point replaces a stored one only if it stands for
   *     at least as many minutes, so a partial first hour never overwrites CloudWatch's whole one
   */
  public record Write(String key, Tier tier, WeightedPoints points, boolean rolled) {

    /** Points as CloudWatch gave them, which replace what is stored. */
    public Write(String key, Tier tier, WeightedPoints points) {
      this(key, tier, points, false);
    }
  }

  private final Database database;

  public HistoryStore(Database database) {
    this.database = database;
  }

  /**
   * Merges points into their blocks, all in one transaction.
   *
   * @return blocks written
   * @throws StoreUnavailableException when the store is away
   */
  public int merge(List<Write> writes) {
    if (writes.isEmpty()) {
      return 0;
    }
    record Block(String key, Tier tier, long start, boolean rolled) {}
    Map<Block, TreeMap<Long, double[]>> blocks = new LinkedHashMap<>();
    for (Write w : writes) {
      WeightedPoints p = w.points();
      for (int i = 0; i < p.size(); i++) {
        long t = w.tier().align(p.epochSeconds()[i]);
        blocks
            .computeIfAbsent(
                new Block(w.key(), w.tier(), w.tier().blockStart(t), w.rolled()),
                b -> new TreeMap<>())
            .put(t, new double[] {p.values()[i], p.minutes()[i]});
      }
    }
    // The blocks already held, read per series and tier in one range query.
    record SeriesTier(String key, Tier tier) {}
    Map<SeriesTier, long[]> ranges = new LinkedHashMap<>();
    for (Block b : blocks.keySet()) {
      long[] r =
          ranges.computeIfAbsent(
              new SeriesTier(b.key(), b.tier()), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      r[0] = Math.min(r[0], b.start());
      r[1] = Math.max(r[1], b.start());
    }
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT block_start, data FROM history_block WHERE series_key = ? AND tier = ?"
                      + " AND block_start >= ? AND block_start <= ?");
          PreparedStatement upsert = c.prepareStatement(upsertSql())) {
        for (Map.Entry<SeriesTier, long[]> e : ranges.entrySet()) {
          SeriesTier st = e.getKey();
          read.setString(1, st.key());
          read.setInt(2, st.tier().periodSeconds());
          read.setLong(3, e.getValue()[0]);
          read.setLong(4, e.getValue()[1]);
          try (ResultSet r = read.executeQuery()) {
            while (r.next()) {
              Block b = new Block(st.key(), st.tier(), r.getLong(1), false);
              TreeMap<Long, double[]> points = blocks.get(b);
              boolean rolled = false;
              if (points == null) {
                b = new Block(st.key(), st.tier(), r.getLong(1), true);
                points = blocks.get(b);
                rolled = true;
              }
              if (points == null) {
                continue; // a block in the range that nothing is written to
              }
              WeightedPoints old = HistoryBlock.decode(st.tier(), b.start(), r.getBytes(2));
              for (int i = 0; i < old.size(); i++) {
                double[] kept = {old.values()[i], old.minutes()[i]};
                double[] now = points.putIfAbsent(old.epochSeconds()[i], kept);
                if (now != null && rolled && now[1] < kept[1]) {
                  points.put(old.epochSeconds()[i], kept);
                }
              }
            }
          }
        }
        for (Map.Entry<Block, TreeMap<Long, double[]>> e : blocks.entrySet()) {
          Block b = e.getKey();
          upsert.setString(1, b.key());
          upsert.setInt(2, b.tier().periodSeconds());
          upsert.setLong(3, b.start());
          upsert.setBytes(4, HistoryBlock.encode(b.tier(), b.start(), of(e.getValue())));
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      c.commit();
      return blocks.size();
    } catch (SQLException e) {
      throw database.failure("Cannot write history", e);
    }
  }

  private String upsertSql() {
    return database.isPostgres()
        ? "INSERT INTO history_block (series_key, tier, block_start, data) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (series_key, tier, block_start) DO UPDATE SET data = EXCLUDED.data"
        : "MERGE INTO history_block (series_key, tier, block_start, data)"
            + " KEY (series_key, tier, block_start) VALUES (?, ?, ?, ?)";
  }

  private static WeightedPoints of(TreeMap<Long, double[]> points) {
    int n = points.size();
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    int i = 0;
    for (Map.Entry<Long, double[]> e : points.entrySet()) {
      t[i] = e.getKey();
      v[i] = e.getValue()[0];
      w[i++] = (int) e.getValue()[1];
    }
    return new WeightedPoints(t, v, w);
  }

  /**
   * The points of a series at a tier whose period starts in {@code [from, to]}, ascending.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public WeightedPoints read(String key, Tier tier, long from, long to) {
    List<WeightedPoints> parts = new ArrayList<>();
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT block_start, data FROM history_block WHERE series_key = ? AND tier = ?"
                    + " AND block_start >= ? AND block_start <= ? ORDER BY block_start")) {
      s.setString(1, key);
      s.setInt(2, tier.periodSeconds());
      s.setLong(3, tier.blockStart(from));
      s.setLong(4, to);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          parts.add(HistoryBlock.decode(tier, r.getLong(1), r.getBytes(2)));
        }
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read history", e);
    }
    return within(parts, from, to);
  }

  private static WeightedPoints within(List<WeightedPoints> parts, long from, long to) {
    int n = 0;
    for (WeightedPoints p : parts) {
      for (long t : p.epochSeconds()) {
        n += t >= from && t <= to ? 1 : 0;
      }
    }
    long[] t = new long[n];
    double[] v = new double[n];
    int[] w = new int[n];
    int k = 0;
    for (WeightedPoints p : parts) {
      for (int i = 0; i < p.size(); i++) {
        long at = p.epochSeconds()[i];
        if (at >= from && at <= to) {
          t[k] = at;
          v[k] = p.values()[i];
          w[k++] = p.minutes()[i];
        }
      }
    }
    return new WeightedPoints(t, v, w);
  }

  /**
   * The oldest and newest point time of every series held at a tier.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public Map<String, long[]> bounds(Tier tier) {
    Map<String, long[]> bounds = new HashMap<>();
    end(tier, false, (key, at) -> bounds.computeIfAbsent(key, k -> new long[2])[0] = at);
    end(tier, true, (key, at) -> bounds.computeIfAbsent(key, k -> new long[2])[1] = at);
    return bounds;
  }

  /**
   * The newest point time of every series held at a tier: half the reading of {@link #bounds}.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public Map<String, Long> newest(Tier tier) {
    Map<String, Long> newest = new HashMap<>();
    end(tier, true, newest::put);
    return newest;
  }

  /** The first or last point time of every series at a tier, from its first or last block. */
  private void end(Tier tier, boolean last, java.util.function.ObjLongConsumer<String> each) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT h.series_key, h.block_start, h.data FROM history_block h JOIN"
                    + " (SELECT series_key, "
                    + (last ? "MAX" : "MIN")
                    + "(block_start) AS b FROM history_block WHERE tier = ? GROUP BY"
                    + " series_key) x ON h.series_key = x.series_key AND h.block_start = x.b"
                    + " WHERE h.tier = ?")) {
      s.setInt(1, tier.periodSeconds());
      s.setInt(2, tier.periodSeconds());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          WeightedPoints p = HistoryBlock.decode(tier, r.getLong(2), r.getBytes(3));
          if (!p.isEmpty()) {
            each.accept(r.getString(1), p.epochSeconds()[last ? p.size() - 1 : 0]);
          }
        }
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read history", e);
    }
  }

  /** The oldest and newest point time of one series at a tier, if it has any. */
  public Optional<long[]> bounds(String key, Tier tier) {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT MIN(block_start), MAX(block_start) FROM history_block"
                    + " WHERE series_key = ? AND tier = ?")) {
      s.setString(1, key);
      s.setInt(2, tier.periodSeconds());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || r.getObject(1) == null) {
          return Optional.empty();
        }
        long first = r.getLong(1);
        long last = r.getLong(2);
        WeightedPoints a = read(key, tier, first, first + tier.blockSeconds() - 1);
        WeightedPoints b = read(key, tier, last, last + tier.blockSeconds() - 1);
        if (a.isEmpty() || b.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new long[] {a.epochSeconds()[0], b.epochSeconds()[b.size() - 1]});
      }
    } catch (SQLException e) {
      throw database.failure("Cannot read history", e);
    }
  }

  /**
   * Streams every series' points at a tier from {@code from} on, series by series, ascending.
   *
   * @throws StoreUnavailableException when the store is away
   */
  public void readAll(Tier tier, long from, BiConsumer<String, WeightedPoints> each) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT series_key, block_start, data FROM history_block WHERE tier = ?"
                  + " AND block_start >= ? ORDER BY series_key, block_start")) {
        s.setFetchSize(1000);
        s.setInt(1, tier.periodSeconds());
        s.setLong(2, tier.blockStart(from));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            WeightedPoints p = HistoryBlock.decode(tier, r.getLong(2), r.getBytes(3));
            each.accept(r.getString(1), within(List.of(p), from, Long.MAX_VALUE));
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw database.failure("Cannot read history", e);
    }
  }

  /**
   * Deletes at most {@code batch} blocks of a tier that end before {@code cutoff}, in one short
   * transaction, so a large deletion never holds the table long.
   *
   * @return blocks deleted; fewer than {@code batch} when none older are left
   */
  public int deleteOlderThan(Tier tier, long cutoff, int batch) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      List<Object[]> keys = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT series_key, block_start FROM history_block WHERE tier = ?"
                  + " AND block_start <= ? ORDER BY block_start FETCH FIRST "
                  + batch
                  + " ROWS ONLY")) {
        s.setInt(1, tier.periodSeconds());
        s.setLong(2, cutoff - tier.blockSeconds());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            keys.add(new Object[] {r.getString(1), r.getLong(2)});
          }
        }
      }
      try (PreparedStatement d =
          c.prepareStatement(
              "DELETE FROM history_block WHERE series_key = ? AND tier = ? AND block_start = ?")) {
        for (Object[] k : keys) {
          d.setString(1, (String) k[0]);
          d.setInt(2, tier.periodSeconds());
          d.setLong(3, (Long) k[1]);
          d.addBatch();
        }
        d.executeBatch();
      }
      c.commit();
      return keys.size();
    } catch (SQLException e) {
      throw database.failure("Cannot delete old history", e);
    }
  }

  /** Gives back the space of the blocks' old copies (see {@link Database#compact}). */
  public void compact(java.time.Duration maxTime) {
    database.compact(maxTime);
  }

  /** Blocks held, and the bytes of their points (without the database's own overhead). */
  public long[] size() {
    try (Connection c = database.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(OCTET_LENGTH(data)), 0)" + " FROM history_block");
        ResultSet r = s.executeQuery()) {
      r.next();
      return new long[] {r.getLong(1), r.getLong(2)};
    } catch (SQLException e) {
      throw database.failure("Cannot measure history", e);
    }
  }
}
