package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The seed stack's resources as EC2, RDS and CloudWatch Logs describe them, per environment: the
 * security groups of the stack's documentation (ALB open to the internet, ECS tasks from the ALB,
 * PostgreSQL and Redis from the application layer), a bastion host's volume, the NAT gateways'
 * Elastic IPs, the RDS instance (7-day backups) and a recent manual snapshot, the four log groups
 * (30-day retention) and their log lines. dev carries planted findings for the maintenance checks
 * (see {@link #PLANTED}); prod and staging are clean.
 */
public final class SimulatedStack {

  /** What is wrong in dev, on purpose, for the maintenance checks to find. */
  public static final List<String> PLANTED =
      List.of(
          "dev-redis-sg opens 6379 to 0.0.0.0/0",
          "volume dev-load-test-data (100 GiB) is not attached",
          "Elastic IP dev-old-bastion is not associated",
          "manual snapshot dev-db-before-upgrade is 200 days old",
          "/aws/apigateway/dev keeps logs 3 days",
          "/aws/lambda/dev-worker logs ERROR lines");

  record Rule(String protocol, int from, int to, List<String> cidrs, List<String> groups) {}

  record Group(
      String id, String name, String environment, String description, List<Rule> ingress) {}

  record Volume(
      String id, String name, String environment, int sizeGib, boolean attached, String instance) {}

  record Address(
      String allocationId,
      String publicIp,
      String name,
      String environment,
      Optional<String> associationId) {}

  record DbInstance(
      String identifier,
      String environment,
      String instanceClass,
      int allocatedGib,
      int backupRetentionDays,
      boolean multiAz) {}

  record Snapshot(String identifier, String instance, Instant created, int allocatedGib) {}

  record LogGroup(
      String name, String environment, Optional<Integer> retentionDays, Instant created) {}

  record LogEvent(String stream, long timestampMillis, String message, String eventId) {}

  private final Clock clock;
  private final Set<String> environments = new LinkedHashSet<>(List.of("dev", "staging", "prod"));

  SimulatedStack(Clock clock) {
    this.clock = clock;
  }

  /** Simulates one more environment, clean, sized like staging. */
  public SimulatedStack addEnvironment(String environment) {
    synchronized (environments) {
      environments.add(environment);
    }
    return this;
  }

  public List<String> environments() {
    synchronized (environments) {
      return List.copyOf(environments);
    }
  }

  // --- EC2 ---

  List<Group> securityGroups() {
    List<Group> out = new ArrayList<>();
    for (String env : environments()) {
      String alb = id("sg", env + "-alb-sg");
      String ecs = id("sg", env + "-ecs-tasks-sg");
      String lambda = id("sg", env + "-lambda-sg");
      List<String> world = List.of("0.0.0.0/0");
      out.add(
          new Group(
              alb,
              env + "-alb-sg",
              env,
              "ALB: HTTP and HTTPS from the internet",
              List.of(
                  new Rule("tcp", 80, 80, world, List.of()),
                  new Rule("tcp", 443, 443, world, List.of()))));
      out.add(
          new Group(
              ecs,
              env + "-ecs-tasks-sg",
              env,
              "ECS tasks: HTTP from the ALB only",
              List.of(new Rule("tcp", 8080, 8080, List.of(), List.of(alb)))));
      out.add(
          new Group(
              lambda,
              env + "-lambda-sg",
              env,
              "Lambda: outbound to database and cache",
              List.of()));
      out.add(
          new Group(
              id("sg", env + "-db-sg"),
              env + "-db-sg",
              env,
              "Database: PostgreSQL from the app layer only",
              List.of(new Rule("tcp", 5432, 5432, List.of(), List.of(ecs, lambda)))));
      List<Rule> redis = new ArrayList<>();
      redis.add(new Rule("tcp", 6379, 6379, List.of(), List.of(ecs, lambda)));
      if (env.equals("dev")) {
        redis.add(new Rule("tcp", 6379, 6379, world, List.of()));
      }
      out.add(
          new Group(
              id("sg", env + "-redis-sg"),
              env + "-redis-sg",
              env,
              "Cache: Redis from the app layer only",
              redis));
    }
    return out;
  }

  List<Volume> volumes() {
    List<Volume> out = new ArrayList<>();
    for (String env : environments()) {
      out.add(
          new Volume(
              id("vol", env + "-bastion-root"),
              env + "-bastion-root",
              env,
              8,
              true,
              id("i", env + "-bastion")));
      if (env.equals("dev")) {
        out.add(
            new Volume(
                id("vol", "dev-load-test-data"), "dev-load-test-data", env, 100, false, null));
      }
    }
    return out;
  }

  List<Address> addresses() {
    List<Address> out = new ArrayList<>();
    for (String env : environments()) {
      int nats = env.equals("dev") ? 1 : 3;
      for (int n = 1; n <= nats; n++) {
        String name = env + "-nat-" + n;
        out.add(
            new Address(
                id("eipalloc", name), ip(name), name, env, Optional.of(id("eipassoc", name))));
      }
      if (env.equals("dev")) {
        out.add(
            new Address(
                id("eipalloc", "dev-old-bastion"),
                ip("dev-old-bastion"),
                "dev-old-bastion",
                env,
                Optional.empty()));
      }
    }
    return out;
  }

  // --- RDS ---

  List<DbInstance> dbInstances() {
    List<DbInstance> out = new ArrayList<>();
    for (String env : environments()) {
      switch (env) {
        case "dev" -> out.add(new DbInstance("dev-db", env, "db.t3.micro", 20, 7, false));
        case "prod" -> out.add(new DbInstance("prod-db", env, "db.t3.medium", 100, 7, true));
        default -> out.add(new DbInstance(env + "-db", env, "db.t3.small", 50, 7, false));
      }
    }
    return out;
  }

  List<Snapshot> manualSnapshots() {
    Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    List<Snapshot> out = new ArrayList<>();
    for (DbInstance db : dbInstances()) {
      out.add(
          new Snapshot(
              db.identifier() + "-before-release",
              db.identifier(),
              today.minus(Duration.ofDays(30)).plus(Duration.ofHours(9)),
              db.allocatedGib()));
      if (db.environment().equals("dev")) {
        out.add(
            new Snapshot(
                "dev-db-before-upgrade",
                db.identifier(),
                today.minus(Duration.ofDays(200)),
                db.allocatedGib()));
      }
    }
    return out;
  }

  // --- CloudWatch Logs ---

  List<LogGroup> logGroups() {
    Instant created = Instant.parse("2025-01-15T10:00:00Z");
    List<LogGroup> out = new ArrayList<>();
    for (String env : environments()) {
      for (String name :
          List.of(
              "/ecs/" + env,
              "/aws/lambda/" + env + "-api",
              "/aws/lambda/" + env + "-worker",
              "/aws/apigateway/" + env)) {
        int days = name.equals("/aws/apigateway/dev") ? 3 : 30;
        out.add(new LogGroup(name, env, Optional.of(days), created));
      }
    }
    return out;
  }

  Optional<LogGroup> logGroup(String name) {
    return logGroups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /**
   * The log lines of a group in {@code [startMillis, endMillis]}, oldest first: a line every 10
   * minutes, and in dev's worker an ERROR line every 2 hours (staging's and prod's groups log no
   * ERROR line). Lines older than the group's retention are gone, as in CloudWatch Logs.
   */
  List<LogEvent> events(LogGroup group, long startMillis, long endMillis) {
    long step = 600_000;
    long now = clock.millis();
    long oldest = now - group.retentionDays().orElse(3650) * 86_400_000L;
    long from = Math.max(startMillis, oldest);
    long first = (from + step - 1) / step * step;
    List<LogEvent> out = new ArrayList<>();
    boolean errors = group.name().equals("/aws/lambda/dev-worker");
    String stream =
        "2026/01/01/[$LATEST]" + Long.toHexString(Noise.hash(group.name()) & 0xffffffffL);
    for (long t = first; t <= Math.min(endMillis, now); t += step) {
      String message;
      if (errors && t % 7_200_000 == 0) {
        message = "ERROR Task timed out processing message " + (t / step) + " from dev-processing";
      } else {
        message =
            String.format(
                Locale.ROOT,
                "INFO request handled in %d ms",
                20 + Math.floorMod(Noise.hash(group.name() + t), 80));
      }
      out.add(
          new LogEvent(
              stream, t, message, Long.toUnsignedString(Noise.hash(group.name() + "#" + t))));
    }
    return out;
  }

  // --- names ---

  /** An AWS-style id, such as {@code sg-0f3a...}: 17 hex digits from the name. */
  static String id(String prefix, String name) {
    return prefix + "-0" + String.format("%016x", Noise.hash(name));
  }

  /** A public address in 203.0.113.0/24 (documentation range), from the name. */
  private static String ip(String name) {
    return "203.0.113." + (1 + Math.floorMod(Noise.hash(name), 254));
  }
}
