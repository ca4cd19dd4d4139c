package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class DatabaseTest {

  @Test
  void writesWaitingForTheStoreAreBoundedAndTheNewestAreKept() throws Exception {
    String url = TestDatabases.fresh("h2");
    new Database(url, null, null, 2).close(); // creates the file
    Path file = Path.of(url.substring("jdbc:h2:file:".length()) + ".mv.db");
    Path away = Path.of(file + ".away");
    try (Database db =
        new Database(url + ";IFEXISTS=TRUE", null, null, 2, Duration.ofMillis(500), 3)) {
      assertThat(db.write("table", c -> execute(c, "CREATE TABLE kept (n INT PRIMARY KEY)")))
          .isTrue();

      // The database goes away: H2 is shut down and its file moved.
      try (Connection c = db.connection()) {
        execute(c, "SHUTDOWN");
      }
      Files.move(file, away);
      for (int n = 1; n <= 5; n++) {
        int value = n;
        assertThat(db.write("row " + n, c -> execute(c, "INSERT INTO kept VALUES (" + value + ")")))
            .isFalse();
      }
      assertThat(db.available()).isFalse();
      assertThat(db.pendingWrites()).isEqualTo(3);

      // It returns: the three newest are written, in order.
      Files.move(away, file);
      assertThat(db.replay()).isEqualTo(3);
      assertThat(db.pendingWrites()).isZero();
      List<Integer> rows = new ArrayList<>();
      try (Connection c = db.connection();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT n FROM kept ORDER BY n")) {
        while (r.next()) {
          rows.add(r.getInt(1));
        }
      }
      assertThat(rows).containsExactly(3, 4, 5);
    }
  }

  private static void execute(Connection c, String sql) throws java.sql.SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
