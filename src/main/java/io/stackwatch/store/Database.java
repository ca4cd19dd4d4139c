package io.stackwatch.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The database of the stores that must survive a restart: a pooled JDBC data source, its schema
 * migrated by Flyway on start. The URL alone chooses H2 or PostgreSQL, at run time.
 *
 * <p>It knows whether the database can be reached. A connection that cannot be had, or breaks,
 * surfaces as {@link StoreUnavailableException}. Writes that must not be lost go through {@link
 * #write}: while the database is away they wait here, in memory and in order, and are written when
 * it returns ({@link #replay}); a write that had reached the database before its connection broke
 * is recognised by its unique key and not written twice. At most {@value #MAX_PENDING} writes wait
 * (days of alarm changes of a large estate); past that the oldest are dropped, and said so, rather
 * than the heap filled.
 *
 * <p>These writes are the leader's, and each carries the leadership term it was made under ({@link
 * Leadership} begins a term each time this instance takes the lead). Its transaction reads the term
 * kept in the store ({@code leader_term}, a fencing token) and refuses the write when another
 * instance has led since; a term's writes still waiting when it ends are discarded. So an instance
 * that lost the lead while the store was away never writes over the newer leader's state.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Database.class);

  /** A unit of work run in one transaction. */
  @FunctionalInterface
  public interface Work {
    void run(Connection c) throws SQLException;
  }

  private record PendingWrite(String what, Work work, long term) {}

  /** A write refused because another instance has led since its term. */
  private static final class StaleTerm extends SQLException {
    StaleTerm(long stored) {
      super("the store is at leadership term " + stored);
    }
  }

  static final int MAX_PENDING = 100_000;

  /** The share of an H2 file's chunks that {@link #compact} makes live data, in percent. */
  private static final int COMPACT_FILL_RATE = 90;

  /** Bytes of live pages {@link #compact} rewrites between two commits, as H2 does. */
  private static final int COMPACT_WRITE_BYTES = 16 << 20;

  /** The settings of the default H2 URL, after the file's path ({@link StoreConfig#jdbcUrl}). */
  public static final String H2_SETTINGS = ";WRITE_DELAY=0;COMPRESS=TRUE";

  private final AgroalDataSource dataSource;
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final Deque<PendingWrite> pending = new ArrayDeque<>();
  private final int maxPending;
  private long dropped;
  private long term;
  private long refused;
  private volatile Optional<String> unavailable = Optional.empty();

  /** Time a caller waits for a connection, the database's answer included, by default. */
  public static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(5);

  public Database(String jdbcUrl, String username, String password, int maxConnections) {
    this(jdbcUrl, username, password, maxConnections, ACQUISITION_TIMEOUT);
  }

  /**
   * @param acquisitionTimeout how long a caller waits for a connection while the database cannot be
   *     reached (the pool tries again meanwhile) before the store counts as unavailable
   */
  public Database(
      String jdbcUrl,
      String username,
      String password,
      int maxConnections,
      Duration acquisitionTimeout) {
    this(jdbcUrl, username, password, maxConnections, acquisitionTimeout, MAX_PENDING);
  }

  Database(
      String jdbcUrl,
      String username,
      String password,
      int maxConnections,
      Duration acquisitionTimeout,
      int maxPending) {
    this.maxPending = maxPending;
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    try {
      this.dataSource =
          AgroalDataSource.from(
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      pool ->
                          // Flyway holds a second connection while it migrates.
                          pool.maxSize(Math.max(2, maxConnections))
                              .acquisitionTimeout(acquisitionTimeout)
                              // A connection broken by a database restart is dropped, not reused.
                              .validateOnBorrow(true)
                              .connectionValidator(ConnectionValidator.defaultValidator())
                              .exceptionSorter(new PostgreSQLExceptionSorter())
                              .connectionFactoryConfiguration(
                                  f -> {
                                    f.jdbcUrl(jdbcUrl);
                                    driverFor(jdbcUrl).ifPresent(f::connectionProviderClass);
                                    if (username != null) {
                                      f.principal(new NamePrincipal(username));
                                    }
                                    if (password != null) {
                                      f.credential(new SimplePassword(password));
                                    }
                                    return f;
                                  })));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot open the store at " + safe(jdbcUrl) + ": " + e.getMessage(), e);
    }
    if (schemaVersion() < SCHEMA_VERSION) {
      Flyway.configure(Database.class.getClassLoader())
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    }
  }

  /**
   * The version of the newest migration shipped ({@code db/migration/V<n>__*.sql}; a test holds the
   * two together). A store Flyway has brought to it opens without Flyway, which would only find its
   * classpath, check the applied scripts' checksums and have nothing to do: 140 ms of a restart's
   * second.
   */
  static final int SCHEMA_VERSION = 11;

  /** The newest version Flyway applied here; 0 for a store it never migrated (or unreachable). */
  private int schemaVersion() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\""
                    + " WHERE \"success\"")) {
      return r.next() ? r.getInt(1) : 0;
    } catch (SQLException notMigrated) {
      return 0;
    }
  }

  /**
   * A pooled connection.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public Connection connection() throws SQLException {
    try {
      Connection c = dataSource.getConnection();
      unavailable = Optional.empty();
      return c;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /**
   * A connection of its own, outside the pool, for a session that must last (an advisory lock).
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public Connection dedicatedConnection() {
    try {
      Properties p = new Properties();
      if (username != null) {
        p.setProperty("user", username);
      }
      if (password != null) {
        p.setProperty("password", password);
      }
      Connection c =
          isPostgres()
              ? new org.postgresql.Driver().connect(jdbcUrl, p)
              : new org.h2.Driver().connect(jdbcUrl, p);
      if (c == null) {
        throw new SQLException("no driver for " + safe(jdbcUrl));
      }
      return c;
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** PostgreSQL, which several instances can share; otherwise H2, for one instance. */
  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** Why the database could not be reached the last time it was tried; empty when it could. */
  public Optional<String> unavailableReason() {
    return unavailable;
  }

  public boolean available() {
    return unavailable.isEmpty();
  }

  /** Writes waiting for the database to return. */
  public synchronized int pendingWrites() {
    return pending.size();
  }

  /** The leadership term this instance writes under; 0 before it ever led, and always on H2. */
  public synchronized long term() {
    return term;
  }

  /**
   * Begins a term: the writes of an earlier one still waiting are discarded, and the writes that
   * follow carry {@code newTerm}, which the leader has just stored.
   */
  synchronized void beginTerm(long newTerm) {
    discardPending("the lead was taken again (term " + newTerm + ")");
    term = newTerm;
  }

  /** Ends this instance's term (another instance leads): the writes still waiting are discarded. */
  synchronized void endTerm() {
    discardPending("another instance leads now");
  }

  private void discardPending(String why) {
    if (!pending.isEmpty()) {
      LOG.warnf(
          "Discarding %d changes kept while the store was away (term %d): %s, and its state"
              + " is newer",
          pending.size(), term, why);
      pending.clear();
    }
  }

  /**
   * Runs {@code work} in one transaction, after any writes still waiting. While the database is
   * away it is kept in memory and written, in order, when the database returns.
   *
   * @return true when it was written now, false when it waits, or was refused because another
   *     instance has led since this one's term began
   * @throws IllegalStateException when the database refused it for another reason (a defect)
   */
  public synchronized boolean write(String what, Work work) {
    PendingWrite w = new PendingWrite(what, work, term);
    if (pending.size() == maxPending) {
      PendingWrite lost = pending.removeFirst();
      if (dropped++ == 0) {
        LOG.errorf(
            "The store has been away for %d writes: dropping the oldest (%s) and any older that"
                + " follow",
            maxPending, lost.what());
      }
    }
    pending.addLast(w);
    long refusedBefore = refused;
    replay();
    if (pending.isEmpty()) {
      return refused == refusedBefore;
    }
    if (pending.peekFirst() == w && available()) {
      pending.removeFirst();
      throw new IllegalStateException("Cannot write " + what);
    }
    return false;
  }

  /**
   * Writes what waits, oldest first, until done or the database is away again; also notices the
   * database's return when nothing waits.
   *
   * @return how many waiting writes were written
   */
  public synchronized int replay() {
    if (pending.isEmpty()) {
      if (!available()) {
        try (Connection c = connection()) {
          LOG.infof("The store is available again at %s", safe(jdbcUrl));
        } catch (SQLException | StoreUnavailableException e) {
          // still away
        }
      }
      return 0;
    }
    int written = 0;
    boolean wasAway = !available();
    while (!pending.isEmpty()) {
      PendingWrite w = pending.peekFirst();
      try {
        transaction(c -> fenced(c, w));
      } catch (StoreUnavailableException e) {
        return written;
      } catch (StaleTerm e) {
        // Another instance led since: this write, and every older one, is stale.
        LOG.warnf(
            "Refused %s and %d more waiting: made under leadership term %d, %s",
            w.what(), pending.size() - 1, w.term(), e.getMessage());
        refused += pending.size();
        pending.clear();
        return written;
      } catch (SQLException e) {
        if (isConnectionFailure(e)) {
          unavailable(e);
          return written;
        }
        if (!"23505".equals(e.getSQLState())) {
          LOG.errorf(e, "Cannot write %s: %s", w.what(), e.getMessage());
          if (!wasAway && pending.size() == 1) {
            // The caller's own write failing now: it hears of it (see write).
            return written;
          }
        }
        // 23505: already written before the connection broke.
      }
      pending.removeFirst();
      written++;
    }
    if (wasAway && written > 0) {
      LOG.infof("Wrote %d changes kept while the store was away", written);
    }
    if (dropped > 0) {
      LOG.errorf("%d changes made while the store was away were dropped, the oldest", dropped);
      dropped = 0;
    }
    return written;
  }

  /**
   * Runs {@code work} in one transaction now, on a connection had before any of it runs: when the
   * database is away nothing of it happens. For a change made together with its record, such as a
   * person's action and its audit row.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws IllegalStateException when it refused the work for another reason
   */
  public void transaction(String what, Work work) {
    try {
      transaction(work);
    } catch (SQLException e) {
      throw failure("Cannot " + what, e);
    }
  }

  /** Runs a write if its term is still the store's; the row lock orders it with a new term. */
  private static void fenced(Connection c, PendingWrite w) throws SQLException {
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r =
            s.executeQuery("SELECT term FROM leader_term WHERE id = 1 FOR UPDATE")) {
      long stored = r.next() ? r.getLong(1) : 0;
      if (stored != w.term()) {
        throw new StaleTerm(stored);
      }
    }
    w.work().run(c);
  }

  private void transaction(Work work) throws SQLException {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is gone: nothing was committed
        }
        throw e;
      }
    }
  }

  /**
   * Rewrites the live part of an H2 file's partly dead chunks, so that their space is used again,
   * for at most {@code maxTime}: H2 writes every changed page anew, and the old copies of rewritten
   * and deleted rows stay in their chunks until those are compacted, which H2's background writer
   * would do but does not run under {@code WRITE_DELAY=0} (see {@link StoreConfig#jdbcUrl}).
   * Nothing on PostgreSQL, whose autovacuum does it, nor for an H2 database in memory or served.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  public void compact(Duration maxTime) {
    if (isPostgres()) {
      return;
    }
    try (Connection c = connection()) {
      if (!(c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession()
          instanceof org.h2.engine.SessionLocal session)) {
        return; // an H2 server compacts its own files
      }
      org.h2.mvstore.MVStore store = session.getDatabase().getStore().getMvStore();
      if (store.getFileStore() == null) {
        return; // in memory
      }
      // A dead chunk is reused at once while compacting, as H2 does when it closes; afterwards
      // dead chunks are kept a while again, as H2 keeps them against a crash.
      int retention = store.getRetentionTime();
      store.setRetentionTime(0);
      try {
        long stopAt = System.nanoTime() + maxTime.toNanos();
        while (store.compact(COMPACT_FILL_RATE, COMPACT_WRITE_BYTES)
            && System.nanoTime() - stopAt < 0) {
          store.commit();
        }
        // The chunks left with nothing live, freed now rather than at a write 45 s from now.
        store.executeFilestoreOperation(store.getFileStore()::dropUnusedChunks);
        store.commit();
      } finally {
        store.setRetentionTime(retention);
      }
    } catch (SQLException e) {
      throw failure("Cannot compact the database", e);
    }
  }

  /**
   * Marks the database unreachable if {@code e} says so, and returns what to throw: {@link
   * StoreUnavailableException} for a lost connection, an {@link IllegalStateException} otherwise.
   */
  public RuntimeException failure(String doing, SQLException e) {
    if (isConnectionFailure(e)) {
      return unavailable(e);
    }
    return new IllegalStateException(doing + ": " + e.getMessage(), e);
  }

  private StoreUnavailableException unavailable(SQLException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (unavailable.isEmpty()) {
      LOG.warnf("The store at %s is unavailable: %s", safe(jdbcUrl), why);
    }
    unavailable = Optional.of(why);
    return new StoreUnavailableException("The store is unavailable: " + why, e);
  }

  /** A connection that could not be had or broke: class 08, or the server shutting down (57P). */
  static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof java.net.ConnectException
          || t instanceof java.io.EOFException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * The driver of the URL, named rather than looked up in {@code DriverManager}, which only knows
   * drivers of the class loader that first registered them.
   */
  private static Optional<Class<?>> driverFor(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.of(org.h2.Driver.class);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.of(org.postgresql.Driver.class);
    }
    return Optional.empty();
  }

  /** A URL as it may be shown: without any password it carries. */
  static String safe(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
