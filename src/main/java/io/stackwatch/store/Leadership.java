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
 */
public final class Leadership implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  /** The lock's key: "stackwat" in ASCII, the same for every instance. */
  static final long LOCK_KEY = 0x737461636b776174L;

  private final Database database;
  private final java.util.List<Runnable> onGain = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Connection session;
  private boolean leading;

  public Leadership(Database database) {
    this.database = database;
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
    if (leading && !was) {
      LOG.info("This instance now polls, evaluates and sends (advisory lock taken)");
      for (Runnable action : onGain) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.errorf(e, "Cannot resume the previous leader's state");
        }
      }
    } else if (!leading && was) {
      LOG.warn("Another instance took the lead while the store was away; this one now follows");
    }
    return leading;
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
    leading = false;
  }
}
