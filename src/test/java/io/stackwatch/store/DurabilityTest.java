package io.stackwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import io.stackwatch.audit.Audit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default store keeps what it answered: a process writing to the default H2 URL is killed (kill
 * -9) right after a write returned, again and again, and every write that returned is there. Each
 * child process runs the stores' real write path ({@link Audit#record}, one autocommit insert, as a
 * form handler makes before it answers 303) from a directory of its own, where the default's
 * relative file lies.
 */
@Tag("plain")
class DurabilityTest {

  static final int CYCLES = 10;

  @Test
  void everyAnsweredWriteSurvivesKillNineOnTheDefaultStore() throws Exception {
    String url = StoreConfig.class.getMethod("jdbcUrl").getAnnotation(WithDefault.class).value();
    Path dir = Files.createTempDirectory("stackwatch-durable");
    Set<String> answered = new HashSet<>();
    long started = System.nanoTime();
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Writer.class.getName(),
                  url,
                  "c" + cycle)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      int wanted = 20 + 7 * cycle;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int seen = 0;
        String line;
        while (seen < wanted && (line = out.readLine()) != null) {
          if (line.startsWith("written ")) {
            answered.add(line.substring("written ".length()));
            seen++;
          }
        }
        // At once, as the kernel kills: no shutdown hook, nothing flushed on the way out.
        child.destroyForcibly();
        assertThat(seen).as("writes answered before the kill, cycle %d", cycle).isEqualTo(wanted);
      }
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    Set<String> stored = new HashSet<>();
    try (Database db =
            new Database("jdbc:h2:file:" + dir.resolve("data/stackwatch"), null, null, 2);
        Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT target FROM audit_event")) {
      while (r.next()) {
        stored.add(r.getString(1));
      }
    }
    Set<String> lost = new HashSet<>(answered);
    lost.removeAll(stored);
    System.out.printf(
        "Default store %s: %d kill -9 cycles in %.1f s, %d writes answered, %d lost%n",
        url, CYCLES, seconds, answered.size(), lost.size());
    assertThat(lost).as("answered writes lost after kill -9").isEmpty();
  }

  /** The child process: writes audit rows until killed, saying which after each returned. */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      try (Database db = new Database(args[0], null, null, 2)) {
        Audit audit = new Audit(db, Clock.systemUTC());
        for (int n = 0; ; n++) {
          String target = args[1] + "-" + n;
          audit.record("durability", "write", target, "", "127.0.0.1");
          System.out.println("written " + target);
          System.out.flush();
        }
      }
    }
  }
}
