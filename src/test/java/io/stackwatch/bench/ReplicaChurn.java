package io.stackwatch.bench;

import io.stackwatch.TestClock;
import io.stackwatch.maintenance.MaintenanceStore;
import io.stackwatch.maintenance.MaintenanceStore.SignOff;
import io.stackwatch.poll.Replica;
import io.stackwatch.simulator.AwsSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The soak's replicas: two stackwatch instances on one embedded PostgreSQL, each minute of
 * simulated time polling, evaluating and sending (the leader) or following, while a person signs a
 * chore off through one of them; in turn the store goes away for a few seconds and comes back, and
 * the leader stops and a new instance starts. At the end it counts what was answered and lost, what
 * is stored twice, and the links of the alarm histories that do not follow on.
 */
final class ReplicaChurn implements AutoCloseable {

  /** What the churn saw. */
  record Result(
      int steps,
      int outages,
      int failovers,
      int answered,
      int lost,
      int doubled,
      int transitions,
      int brokenLinks,
      int summaries) {}

  private final TestClock clock = new TestClock();
  private final AwsSimulator sim = AwsSimulator.start(0, clock, 42);
  private final Path data;
  private final int port;
  private final String url;
  private final List<Replica> live = new ArrayList<>();
  private final Set<String> answered = new HashSet<>();
  private EmbeddedPostgres pg;
  private int steps;
  private int outages;
  private int failovers;

  ReplicaChurn() throws IOException {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    data = Files.createTempDirectory("stackwatch-soak-pg");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    pg = postgres();
    url = pg.getJdbcUrl("postgres", "postgres");
    live.add(new Replica(url, Replica.config(url), sim, clock));
    live.add(new Replica(url, Replica.config(url), sim, clock));
  }

  /**
   * One minute of simulated time: every instance's turn (poll or follow, then the notifier), and a
   * sign-off through one of them, counted as answered when it returned.
   */
  void step() {
    steps++;
    if (steps % 15 == 1) {
      sim.cloudWatch().scenarios().play("cpu-spike", "prod", clock.instant());
    }
    clock.advance(Duration.ofMinutes(1));
    for (Replica r : live) {
      try {
        r.job.cycle();
      } catch (RuntimeException e) {
        // the store is away: the next turn goes on
      }
      try {
        r.notifyTick();
      } catch (RuntimeException e) {
        // stays due
      }
    }
    Replica through = live.get(steps % live.size());
    String id = "soak-" + steps;
    String chore = through.maintenance.checklist().itemsOf("prod").get(0).id();
    try {
      new MaintenanceStore(through.database)
          .signOff(new SignOff("prod", chore, "soak", clock.instant(), id, Optional.empty()));
      answered.add(id);
    } catch (RuntimeException e) {
      // not answered: refused while the store is away
    }
  }

  /** The store goes away (its server stops); {@link #storeBack} brings it back. */
  void storeAway() throws IOException {
    pg.close();
    outages++;
  }

  void storeBack() throws IOException {
    pg = postgres();
  }

  /** The leader stops, as a killed process's session ends; a new instance starts. */
  void failover() {
    live.stream()
        .filter(r -> r.leadership.leading())
        .findFirst()
        .ifPresent(
            leader -> {
              leader.close();
              live.remove(leader);
            });
    live.add(new Replica(url, Replica.config(url), sim, clock));
    failovers++;
  }

  Result result() throws SQLException {
    Map<String, Integer> stored = new HashMap<>();
    int transitions = 0;
    int broken = 0;
    try (Connection c = live.get(0).database.connection();
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery("SELECT note FROM maintenance_signoff WHERE signed_by = 'soak'")) {
        while (r.next()) {
          stored.merge(r.getString(1), 1, Integer::sum);
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT alarm_key, from_state, to_state FROM alarm_transition"
                  + " ORDER BY alarm_key, changed_at, id")) {
        String key = null;
        String to = null;
        while (r.next()) {
          transitions++;
          if (r.getString(1).equals(key) && !r.getString(2).equals(to)) {
            broken++;
          }
          key = r.getString(1);
          to = r.getString(3);
        }
      }
    }
    int lost = (int) answered.stream().filter(id -> !stored.containsKey(id)).count();
    int doubled = (int) stored.values().stream().filter(n -> n > 1).count();
    return new Result(
        steps,
        outages,
        failovers,
        answered.size(),
        lost,
        doubled,
        transitions,
        broken,
        sim.sns().published(Replica.PROD_ALERTS).size());
  }

  private EmbeddedPostgres postgres() throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  @Override
  public void close() throws IOException {
    for (Replica r : live) {
      r.close();
    }
    sim.close();
    pg.close();
  }
}
