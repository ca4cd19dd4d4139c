package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The leadership term as a fencing token, on PostgreSQL: an instance whose lock was lost writes
 * nothing once another has taken the lead, even before it noticed that it lost it.
 */
@Tag("postgres")
class LeadershipTest {

  @Test
  void aWriteFromATermThatEndedIsRefusedByTheStore() throws Exception {
    String url = TestDatabases.fresh("postgresql");
    try (Database a = new Database(url, null, null, 2, Duration.ofMillis(500));
        Database b = new Database(url, null, null, 2, Duration.ofMillis(500));
        Leadership leadA = new Leadership(a);
        Leadership leadB = new Leadership(b)) {
      assertThat(a.write("table", c -> execute(c, "CREATE TABLE kept (n INT PRIMARY KEY)")))
          .isTrue();
      assertThat(leadA.isLeader()).isTrue();
      assertThat(leadB.isLeader()).isFalse();
      assertThat(a.write("row 1", c -> execute(c, "INSERT INTO kept VALUES (1)"))).isTrue();

      // The first leader's session is cut (a pause longer than the server keeps it, a network
      // fault): the lock is free, and the other instance takes it, in bounded real time.
      try (Connection c = b.connection()) {
        execute(
            c,
            "SELECT pg_terminate_backend(pid) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!leadB.isLeader() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(leadB.isLeader()).isTrue();
      assertThat(b.term()).isGreaterThan(a.term());

      // The first has not asked yet whether it still leads; its write is refused all the same.
      assertThat(a.write("row 2", c -> execute(c, "INSERT INTO kept VALUES (2)"))).isFalse();
      assertThat(a.pendingWrites()).isZero();
      assertThat(b.write("row 3", c -> execute(c, "INSERT INTO kept VALUES (3)"))).isTrue();
      assertThat(rows(b)).isEqualTo("1,3");

      // Asking, it learns it follows now.
      assertThat(leadA.isLeader()).isFalse();
    }
  }

  @Test
  void aStoppedLeaderLosesTheLeadWhenItsLeaseRunsOut() throws Exception {
    String url = TestDatabases.fresh("postgresql");
    try (Database a = new Database(url, null, null, 2, Duration.ofMillis(500));
        Database b = new Database(url, null, null, 2, Duration.ofMillis(500));
        Leadership leadA = new Leadership(a, Duration.ofMillis(300));
        Leadership leadB = new Leadership(b)) {
      assertThat(a.write("table", c -> execute(c, "CREATE TABLE kept (n INT PRIMARY KEY)")))
          .isTrue();
      assertThat(leadA.isLeader()).isTrue();
      assertThat(leadB.isLeader()).isFalse();

      // The leader stops, as a SIGSTOP or a long pause would: it says nothing. The other takes
      // the lead once the lease has run out, in bounded real time.
      long stopped = System.nanoTime();
      long deadline = stopped + Duration.ofSeconds(1).toNanos();
      boolean taken = false;
      while (!taken && System.nanoTime() < deadline) {
        Thread.sleep(50);
        taken = leadB.isLeader();
      }
      assertThat(taken).as("the other instance leads within a second").isTrue();
      System.out.printf(
          "A stopped leader with a 300 ms lease: the lead taken over after %d ms%n",
          (System.nanoTime() - stopped) / 1_000_000);

      // The stopped one wakes: its write is refused, and it learns it follows.
      assertThat(a.write("row 1", c -> execute(c, "INSERT INTO kept VALUES (1)"))).isFalse();
      assertThat(leadA.isLeader()).isFalse();
      assertThat(rows(b)).isEmpty();
    }
  }

  private static String rows(Database db) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT n FROM kept ORDER BY n")) {
      while (r.next()) {
        out.append(out.isEmpty() ? "" : ",").append(r.getInt(1));
      }
    }
    return out.toString();
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
