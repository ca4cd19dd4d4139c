package io.stackwatch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Which of the instances sharing one PostgreSQL polls, evaluates and sends: the one holding a
 * session-level advisory lock ({@code pg_try_advisory_lock}) on a connection of its own. The lock
 * goes with the session, so an instance that stops or dies (its connection closes) frees it, and
 * another takes it at its next try. On H2 there is one instance, always the leader.
 *
 * <p>When the database goes away the leader's session goes with it; the leader keeps leading while
 * the database is unreachable (nobody else can take the lock meanwhile), and takes its lock again
 * when the database returns, or steps down if another instance was quicker.
 *
 * <p>The lock is a lease: its session is told to end after {@code lease} without a word ({@code
 * idle_session_timeout}), so a leader that stops (SIGSTOP, a pause, a hung host) loses the lock and
 * another instance takes it at its next try (every notifier tick); a working leader speaks on the
 * session at each check. Whatever the frozen leader still writes when it wakes carries its old term
 * and is refused.
 *
 * <p>Each lead is a term, numbered in the store ({@code leader_term}): an instance that takes the
 * lock raises the number, unless it is resuming its own term that nobody interrupted, then reloads
 * the state the previous leader left ({@link #onGain}) before it writes anything. The writes it
 * queued in an earlier term are discarded, and the store refuses any that still carry it ({@link
 * Database#write}); stepping down discards them too. A reload that fails gives the lock back, to be
 * tried again, rather than lead on state that is not the newest.
 */
public final class Leadership implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  /** The lock's key: "stackwat" in ASCII, the same for every instance. */
  static final long LOCK_KEY = 0x737461636b776174L;

  /** The lease unless configured: {@code stackwatch.store.leader-lease}. */
  public static final java.time.Duration DEFAULT_LEASE = java.time.Duration.ofSeconds(60);

  private final Database database;
  private final java.time.Duration lease;
  private final java.util.List<Runnable> onGain = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Connection session;
  private boolean leading;

  public Leadership(Database database) {
    this(database, DEFAULT_LEASE);
  }

  public Leadership(Database database, java.time.Duration lease) {
    this.database = database;
    this.lease = lease;
  }

  /**
   * Runs {@code action} each time this instance takes the lead, before it acts as leader: where it
   * resumes the state the previous leader left in the database.
   */
  public void onGain(Runnable action) {
    onGain.add(action);
  }

  /**
   * Whether this instance leads now, taking the lead if it is free.
   *
   * @return true when this instance must poll, evaluate and send
   */
  public synchronized boolean isLeader() {
    if (!database.isPostgres()) {
      return true;
    }
    if (session != null) {
      if (valid(session)) {
        return true;
      }
      closeSession();
      if (!reachable()) {
        // The database is away: nobody can take the lock meanwhile; keep polling into memory.
        return leading;
      }
    }
    boolean was = leading;
    leading = tryLock();
    // Without a session the database could not be reached, and nothing changed.
    if (leading && session != null && (!was || storedTerm() != database.term())) {
      LOG.info("This instance now polls, evaluates and sends (advisory lock taken)");
      if (!beginTerm()) {
        return false;
      }
    } else if (!leading && was) {
      LOG.warn("Another instance took the lead while the store was away; this one now follows");
      database.endTerm();
    }
    return leading;
  }

  /**
   * A new term: its number stored under the lock, the writes of the old one discarded, then the
   * previous leader's state reloaded. When anything fails the lock is given back.
   */
  private boolean beginTerm() {
    try (Statement s = session.createStatement()) {
      s.executeUpdate("UPDATE leader_term SET term = term + 1 WHERE id = 1");
      database.beginTerm(storedTerm());
      for (Runnable action : onGain) {
        action.run();
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.errorf("Cannot resume the previous leader's state; giving the lead back: %s", e);
      closeSession();
      leading = false;
      return false;
    }
  }

  /** The term kept in the store, read on the lock's session; -1 when it cannot be read. */
  private long storedTerm() {
    try (Statement s = session.createStatement();
        ResultSet r = s.executeQuery("SELECT term FROM leader_term WHERE id = 1")) {
      return r.next() ? r.getLong(1) : -1;
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Whether this instance led at its last check, without trying anything. */
  public synchronized boolean leading() {
    return !database.isPostgres() || leading;
  }

  private boolean tryLock() {
    Connection c;
    try {
      c = database.dedicatedConnection();
    } catch (StoreUnavailableException e) {
      return leading;
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
      if (r.next() && r.getBoolean(1)) {
        try (Statement lease = c.createStatement()) {
          lease.execute("SET idle_session_timeout = " + Math.max(1, this.lease.toMillis()));
        }
        session = c;
        return true;
      }
    } catch (SQLException e) {
      LOG.debugf("Cannot try the advisory lock: %s", e.getMessage());
    }
    quietlyClose(c);
    return false;
  }

  private boolean reachable() {
    try (Connection c = database.connection()) {
      return true;
    } catch (SQLException | StoreUnavailableException e) {
      return false;
    }
  }

  private static boolean valid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void closeSession() {
    quietlyClose(session);
    session = null;
  }

  private static void quietlyClose(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // gone already
    }
  }

  /**
   * Gives the lead up at once (closing the session frees the lock), as a stopping instance does.
   */
  @Override
  public synchronized void close() {
    if (session != null) {
      closeSession();
    }
    if (leading) {
      database.endTerm();
    }
    leading = false;
  }
}
