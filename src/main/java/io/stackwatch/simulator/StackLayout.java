package io.stackwatch.simulator;

import io.stackwatch.simulator.StackResource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resources of one environment in each naming style (see {@link SimulatedStack.Naming}). The
 * seed style is the convention the simulator implied before the stack was data; the unconventional
 * style names things the way a real account grows them, with ids AWS assigned and names no rule
 * links to the environment or to each other.
 */
final class StackLayout {

  /** The names one environment's resources have; node and NAT counts follow from the lists. */
  private record Names(
      String database,
      String cacheGroup,
      List<String> cacheNodes,
      String ecsCluster,
      String ecsService,
      List<String> functions,
      String httpApi,
      String loadBalancer,
      List<String> targetGroups,
      String distribution,
      List<List<String>> queues,
      List<String> natGateways,
      List<String> topics) {}

  private StackLayout() {}

  static List<StackResource> build(SimulatedStack.Naming naming, String env, String region) {
    Names names =
        switch (naming) {
          case SEED -> seed(env);
          case UNCONVENTIONAL -> unconventional(env);
        };
    Layout layout = new Layout(env, region);
    layout.add(Kind.RDS_INSTANCE, names.database(), null, null);
    layout.add(Kind.CACHE_REPLICATION_GROUP, names.cacheGroup(), null, null);
    names.cacheNodes().forEach(n -> layout.add(Kind.CACHE_NODE, n, names.cacheGroup(), null));
    layout.add(Kind.ECS_CLUSTER, names.ecsCluster(), null, null);
    layout.add(Kind.ECS_SERVICE, names.ecsService(), names.ecsCluster(), null);
    names.functions().forEach(f -> layout.add(Kind.LAMBDA_FUNCTION, f, null, null));
    layout.add(Kind.HTTP_API, names.httpApi(), null, null);
    layout.add(Kind.LOAD_BALANCER, names.loadBalancer(), null, null);
    names.targetGroups().forEach(t -> layout.add(Kind.TARGET_GROUP, t, names.loadBalancer(), null));
    if (names.distribution() != null) {
      layout.add(Kind.DISTRIBUTION, names.distribution(), null, null);
    }
    for (List<String> pair : names.queues()) {
      layout.add(Kind.QUEUE, pair.get(0), null, pair.get(1));
      layout.add(Kind.QUEUE, pair.get(1), null, null);
    }
    names.natGateways().forEach(n -> layout.add(Kind.NAT_GATEWAY, n, null, null));
    names.topics().forEach(t -> layout.add(Kind.TOPIC, t, null, null));
    return layout.resources;
  }

  /** The tags every resource of an environment carries; EC2 resources add their Name. */
  static Map<String, String> tags(Kind kind, String name, String env) {
    return kind == Kind.NAT_GATEWAY
        ? Map.of("Environment", env, "Name", name)
        : Map.of("Environment", env);
  }

  /** Cache nodes and NAT gateways: prod 3 and 3, staging 2 and 3, dev 1 and 1, others 2 and 3. */
  private static int cacheNodes(String env) {
    return switch (env) {
      case "prod" -> 3;
      case "dev" -> 1;
      default -> 2;
    };
  }

  private static int natGateways(String env) {
    return env.equals("dev") ? 1 : 3;
  }

  private static Names seed(String env) {
    List<String> nodes = new ArrayList<>();
    for (int n = 1; n <= cacheNodes(env); n++) {
      nodes.add(String.format("%s-redis-%03d", env, n));
    }
    List<String> nats = new ArrayList<>();
    for (int n = 1; n <= natGateways(env); n++) {
      nats.add(env + "-nat-" + n);
    }
    return new Names(
        env + "-db",
        env + "-redis",
        nodes,
        env + "-cluster",
        env + "-app",
        List.of(env + "-api", env + "-worker"),
        env + "-http-api",
        "app/" + env + "-alb/default",
        List.of("targetgroup/" + env + "-tg/default"),
        env.equals("dev") ? null : env + "-cdn",
        List.of(
            List.of(env + "-processing", env + "-processing-dlq"),
            List.of(env + "-email", env + "-email-dlq")),
        nats,
        List.of(env + "-alerts", env + "-notifications"));
  }

  private static Names unconventional(String env) {
    return switch (env) {
      case "prod" ->
          new Names(
              "acme-orders-db-7",
              "acme-sessions",
              // cluster mode: shard 0001 has a replica, shard 0002 none yet
              List.of("acme-sessions-0001-001", "acme-sessions-0001-002", "acme-sessions-0002-001"),
              "shared-cluster",
              "orders",
              List.of("orders-handler", "mailer"),
              "a1b2c3d4e5",
              "app/edge-lb/0f1e2d3c4b5a6978",
              List.of(
                  "targetgroup/orders-tg/1a2b3c4d5e6f7081",
                  "targetgroup/admin-tg/9f8e7d6c5b4a3921"),
              "E2QWRTY1ABCDEF",
              List.of(List.of("jobs", "jobs-failed"), List.of("outbound-mail", "mail-parking-lot")),
              List.of("nat-0a1b2c3d4e5f60718", "nat-0b2c3d4e5f6071829", "nat-0c3d4e5f607182930"),
              List.of("oncall-page", "team-digest"));
      case "staging" ->
          new Names(
              "ledger-pg-2",
              "kv-store",
              List.of("kv-store-0001-001", "kv-store-0002-001"),
              "blue-fleet",
              "storefront",
              List.of("ingest-fn", "notifier-v2"),
              "q9w8e7r6t5",
              "app/int-gateway/4c5d6e7f8a9b0c1d",
              List.of("targetgroup/web-pool/2b3c4d5e6f708192"),
              "E3MNBVCX2LKJHG",
              List.of(List.of("tasks", "graveyard"), List.of("outbox", "outbox-errors")),
              List.of("nat-05f4e3d2c1b0a9f87", "nat-06a5f4e3d2c1b0a98", "nat-07b6a5f4e3d2c1b09"),
              List.of("pager-stream", "digest-feed"));
      case "dev" ->
          new Names(
              "tinker-pg-1",
              "cache-lite",
              // cluster mode disabled: node ids are the group's with a number
              List.of("cache-lite-001"),
              "sandbox-a",
              "api-main",
              List.of("hello-fn", "batch-runner"),
              "z1x2c3v4b5",
              "app/trial-lb/7a6b5c4d3e2f1a0b",
              List.of("targetgroup/trial-tg/0a9b8c7d6e5f4a3b"),
              null,
              List.of(List.of("inbox", "inbox-dead"), List.of("mail-out", "mail-out-parked")),
              List.of("nat-0d1e2f3a4b5c6d7e8"),
              List.of("ops-alarms", "ops-news"));
      default -> generated(env);
    };
  }

  /** Names for an environment added at run time: hex from its name, which none of them contains. */
  private static Names generated(String env) {
    String h = String.format("%016x", Noise.hash("names:" + env));
    String group = "kv-" + h.substring(0, 6);
    List<String> nodes = new ArrayList<>();
    for (int n = 1; n <= cacheNodes(env); n++) {
      nodes.add(String.format("%s-%04d-001", group, n));
    }
    List<String> nats = new ArrayList<>();
    for (int n = 1; n <= natGateways(env); n++) {
      nats.add("nat-0" + String.format("%016x", Noise.hash("nat:" + env + n)));
    }
    return new Names(
        "pg-" + h.substring(0, 8),
        group,
        nodes,
        "fleet-" + h.substring(8, 12),
        "svc-" + h.substring(12, 16),
        List.of("fn-" + h.substring(0, 5), "fn-" + h.substring(5, 10)),
        h.substring(0, 10),
        "app/lb-" + h.substring(10, 16) + "/" + h,
        List.of("targetgroup/tg-" + h.substring(4, 10) + "/" + h.substring(1) + "0"),
        "E" + h.substring(0, 13).toUpperCase(Locale.ROOT),
        List.of(
            List.of("q-" + h.substring(0, 6), "q-" + h.substring(6, 12)),
            List.of("q-" + h.substring(12, 16) + "a", "q-" + h.substring(12, 16) + "b")),
        nats,
        List.of("t-" + h.substring(0, 6), "t-" + h.substring(6, 12)));
  }

  /** Collects one environment's resources in order. */
  private static final class Layout {
    private final String env;
    private final String region;
    private final List<StackResource> resources = new ArrayList<>();

    Layout(String env, String region) {
      this.env = env;
      this.region = region;
    }

    void add(Kind kind, String name, String parent, String deadLetterQueue) {
      resources.add(
          new StackResource(
              kind, name, env, region, tags(kind, name, env), parent, deadLetterQueue, true));
    }
  }
}
