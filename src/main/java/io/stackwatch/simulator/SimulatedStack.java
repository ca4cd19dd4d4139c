package io.stackwatch.simulator;

import io.stackwatch.simulator.StackResource.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The simulated stack as data: per environment, its resources ({@link StackResource}: RDS instance,
 * ElastiCache replication group and nodes, ECS cluster and service, Lambda functions, HTTP API, ALB
 * and target groups, CloudFront distribution, SQS queues and their dead-letter queues, NAT
 * gateways, SNS topics), each with its ARN and tags ({@code Environment=<env>}), named in one of
 * two styles ({@link Naming}). The Resource Groups Tagging API lists them, CloudWatch lists and
 * answers their metrics, and the metric model reads a resource's environment from here rather than
 * from its name. Around them, the resources EC2, RDS and CloudWatch Logs describe: the security
 * groups of the stack's documentation (ALB open to the internet, ECS tasks from the ALB, PostgreSQL
 * and Redis from the application layer), a bastion host's volume, the NAT gateways' Elastic IPs,
 * the RDS instance (7-day backups) and a recent manual snapshot, the log groups (30-day retention)
 * and their log lines. dev carries planted findings for the maintenance checks (see {@link
 * #PLANTED}, named as in the seed style); prod and staging are clean.
 *
 * <pre>{@code
 * sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL); // right after start
 * sim.stack().resources("prod");                            // acme-orders-db-7, jobs, ...
 * sim.stack().add("prod", StackResource.Kind.LAMBDA_FUNCTION, "billing");
 * }</pre>
 */
public final class SimulatedStack {

  /**
   * How the stack's resources are named. {@link #SEED} is the default and what the simulator
   * implied before its stack was data; {@link #UNCONVENTIONAL} plays an account nobody named by
   * rule, as an AWS-compatible endpoint we did not write would present it.
   */
  public enum Naming {
    /**
     * {@code <env>-db}, {@code <env>-redis} with nodes {@code <env>-redis-001}.., {@code
     * <env>-cluster}/{@code <env>-app}, {@code <env>-api}/{@code <env>-worker}, {@code
     * <env>-http-api}, {@code app/<env>-alb/default}, {@code targetgroup/<env>-tg/default}, {@code
     * <env>-cdn} (not in dev), {@code <env>-processing} and {@code <env>-email} with {@code
     * <queue>-dlq}, {@code <env>-nat-1}.., topics {@code <env>-alerts} and {@code
     * <env>-notifications}. ListMetrics lists what was registered plus resources added at run time;
     * GetMetricData answers any resource name, its environment read from the name's prefix when the
     * stack does not hold it.
     */
    SEED,
    /**
     * Names that follow no convention and contain no environment name (prod: {@code
     * acme-orders-db-7}, cache nodes {@code acme-sessions-0001-001}.., queue {@code jobs} whose
     * dead-letter queue is {@code jobs-failed}...; see {@link #resources(String)}). The topics
     * exist in SNS from the moment the style is chosen; ListMetrics lists every metric the stack
     * publishes; GetMetricData has data only for resources the stack holds and metrics registered
     * by hand, as CloudWatch has none for names it never saw.
     */
    UNCONVENTIONAL
  }

  /** What is wrong in dev, on purpose, for the maintenance checks to find. */
  public static final List<String> PLANTED =
      List.of(
          "dev-redis-sg opens 6379 to 0.0.0.0/0",
          "volume dev-load-test-data (100 GiB) is not attached",
          "Elastic IP dev-old-bastion is not associated",
          "manual snapshot dev-db-before-upgrade is 200 days old",
          "/aws/apigateway/dev keeps logs 3 days",
          "/aws/lambda/dev-worker logs ERROR lines");

  /** The region of an environment nobody gave one. */
  public static final String DEFAULT_REGION = "us-east-1";

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

  /**
   * Everything readers need, replaced whole on every change so the server's threads read it without
   * locks.
   *
   * @param byIdentity resources by the sorted dimensions of their metrics
   * @param removed identities of resources removed at run time: they publish no data any more
   * @param deadLetterQueues region + name of every queue some redrive policy names
   */
  private record State(
      Naming naming,
      Map<String, String> regions,
      List<StackResource> resources,
      Map<String, StackResource> byIdentity,
      Set<String> removed,
      Set<String> deadLetterQueues) {

    static State of(
        Naming naming,
        Map<String, String> regions,
        List<StackResource> resources,
        Set<String> removed) {
      Map<String, StackResource> byIdentity = new HashMap<>();
      Set<String> deadLetterQueues = new HashSet<>();
      for (StackResource r : resources) {
        if (!r.kind().dimensionNames().isEmpty()) {
          byIdentity.putIfAbsent(identity(r.dimensions()), r);
        }
        if (r.deadLetterQueue() != null) {
          deadLetterQueues.add(r.region() + "\n" + r.deadLetterQueue());
        }
      }
      return new State(
          naming,
          // Environments keep their order: dev, staging, prod, then those added.
          Collections.unmodifiableMap(new LinkedHashMap<>(regions)),
          List.copyOf(resources),
          Map.copyOf(byIdentity),
          Set.copyOf(removed),
          Set.copyOf(deadLetterQueues));
    }
  }

  private final Clock clock;
  private final Identities identities;
  private final SnsHandler sns;
  // Guarded by this; readers use the snapshot.
  private Naming naming = Naming.SEED;
  private final Map<String, String> regions = new LinkedHashMap<>();
  private final List<StackResource> resources = new ArrayList<>();
  private final Set<String> removed = new HashSet<>();
  private final Set<String> topicsCreated = new LinkedHashSet<>();
  private volatile State state;

  SimulatedStack(Clock clock, Identities identities, SnsHandler sns) {
    this.clock = clock;
    this.identities = identities;
    this.sns = sns;
    synchronized (this) {
      for (String env : List.of("dev", "staging", "prod")) {
        regions.put(env, DEFAULT_REGION);
        resources.addAll(StackLayout.build(naming, env, DEFAULT_REGION));
      }
      publish();
    }
  }

  // --- controls ---

  /**
   * Names every environment's resources in this style, replacing the ones the previous style built;
   * resources added at run time stay, removed ones come back. Choose it right after start.
   */
  public synchronized SimulatedStack naming(Naming style) {
    this.naming = style;
    resources.removeIf(StackResource::seeded);
    List<StackResource> rebuilt = new ArrayList<>();
    regions.forEach((env, region) -> rebuilt.addAll(StackLayout.build(style, env, region)));
    resources.addAll(0, rebuilt);
    removed.clear();
    publish();
    return this;
  }

  /** The naming style in force. */
  public Naming naming() {
    return state.naming();
  }

  /** Simulates one more environment, clean, sized like staging, in {@value #DEFAULT_REGION}. */
  public SimulatedStack addEnvironment(String environment) {
    return addEnvironment(environment, DEFAULT_REGION);
  }

  /**
   * Simulates one more environment, clean, sized like staging, its resources in {@code region}. For
   * an environment the stack has already, moves the resources its naming style built to that region
   * (as an account whose environment lives there would have them).
   */
  public synchronized SimulatedStack addEnvironment(String environment, String region) {
    String before = regions.put(environment, region);
    if (region.equals(before)) {
      return this;
    }
    if (before != null) {
      resources.removeIf(r -> r.seeded() && r.environment().equals(environment));
    }
    resources.addAll(StackLayout.build(naming, environment, region));
    publish();
    return this;
  }

  public List<String> environments() {
    return List.copyOf(state.regions().keySet());
  }

  /** The region an environment's resources are in. */
  public String region(String environment) {
    String region = state.regions().get(environment);
    if (region == null) {
      throw new IllegalArgumentException("no environment " + environment + " in the stack");
    }
    return region;
  }

  /** Every resource, environment by environment. */
  public List<StackResource> resources() {
    return state.resources();
  }

  /** One environment's resources, in the order its stack lists them. */
  public List<StackResource> resources(String environment) {
    return state.resources().stream().filter(r -> r.environment().equals(environment)).toList();
  }

  /** The first resource of this kind in the environment, if it has one. */
  public Optional<StackResource> find(String environment, Kind kind) {
    return resources(environment).stream().filter(r -> r.kind() == kind).findFirst();
  }

  /**
   * Adds a resource at run time, in the environment's region and tagged {@code
   * Environment=<environment>}: from then on GetResources lists it, ListMetrics lists its metrics
   * and GetMetricData answers them for that environment. A load balancer's name may be given bare
   * ({@code web}, made {@code app/web/<id>}) like a target group's ({@code targetgroup/web/<id>});
   * a target group joins the environment's first load balancer, an ECS service its first cluster
   * ({@code cluster/service} names another), a cache node its first replication group.
   */
  public StackResource add(String environment, Kind kind, String name) {
    String region = region(environment);
    String full = name;
    String parent = null;
    switch (kind) {
      case LOAD_BALANCER -> full = name.startsWith("app/") ? name : "app/" + name + "/" + id(name);
      case TARGET_GROUP -> {
        full = name.startsWith("targetgroup/") ? name : "targetgroup/" + name + "/" + id(name);
        parent = parentName(environment, Kind.LOAD_BALANCER);
      }
      case ECS_SERVICE -> {
        int slash = name.indexOf('/');
        parent = slash < 0 ? parentName(environment, Kind.ECS_CLUSTER) : name.substring(0, slash);
        full = slash < 0 ? name : name.substring(slash + 1);
      }
      case CACHE_NODE -> parent = parentName(environment, Kind.CACHE_REPLICATION_GROUP);
      default -> {}
    }
    return add(
        new StackResource(
            kind,
            full,
            environment,
            region,
            StackLayout.tags(kind, full, environment),
            parent,
            null,
            false));
  }

  /**
   * Adds a resource as given (its environment must be in the stack); see {@link #add(String, Kind,
   * String)}. A topic is created in SNS.
   */
  public synchronized StackResource add(StackResource resource) {
    if (!regions.containsKey(resource.environment())) {
      throw new IllegalArgumentException(
          "no environment " + resource.environment() + " in the stack");
    }
    resources.add(resource);
    if (!resource.kind().dimensionNames().isEmpty()) {
      removed.remove(identity(resource.dimensions()));
    }
    publish();
    return resource;
  }

  /**
   * Removes a resource as if it were deleted: GetResources no longer lists it, ListMetrics no
   * longer lists the metrics the stack published for it, and GetMetricData has no more data for
   * them; a topic is deleted from SNS.
   *
   * @param name as the resource lists it ({@link StackResource#name()})
   * @return whether there was such a resource
   */
  public synchronized boolean remove(String environment, Kind kind, String name) {
    boolean any = false;
    for (var it = resources.iterator(); it.hasNext(); ) {
      StackResource r = it.next();
      if (r.environment().equals(environment) && r.kind() == kind && r.name().equals(name)) {
        it.remove();
        if (!kind.dimensionNames().isEmpty()) {
          removed.add(identity(r.dimensions()));
        }
        any = true;
      }
    }
    publish();
    return any;
  }

  // --- what the services read ---

  /** The account resources' ARNs carry: the base credentials'. */
  String account() {
    return identities.baseAccount();
  }

  /** The stack's resource a metric is about, or null if the stack holds none. */
  StackResource holding(MetricId metric) {
    if (metric.dimensions().isEmpty()) {
      return null;
    }
    return state.byIdentity().get(identity(metric.sortedDimensions()));
  }

  /** Whether the metric's resource was removed at run time, so it publishes no more data. */
  boolean removed(MetricId metric) {
    Set<String> gone = state.removed();
    return !gone.isEmpty() && gone.contains(identity(metric.sortedDimensions()));
  }

  /**
   * The model's view of a metric's resource when the stack holds it: named by the metric's first
   * naming dimension as ever, sized by the environment the stack says, a dead-letter queue when a
   * redrive policy names it. Null if the stack does not hold it.
   */
  Resource resource(MetricId metric) {
    StackResource held = holding(metric);
    if (held == null) {
      return null;
    }
    boolean deadLetter =
        held.kind() == Kind.QUEUE
            && state.deadLetterQueues().contains(held.region() + "\n" + held.name());
    String env = held.environment();
    return new Resource(Resource.of(metric).name(), env, Resource.scaleOf(env), deadLetter);
  }

  /**
   * The metrics the stack's resources in a region publish, with the dimensions AWS publishes them
   * with, resource by resource; the account-wide Lambda metric once if any function is listed.
   *
   * @param seededToo whether the resources the naming style built count, or only the ones added at
   *     run time
   */
  List<MetricId> published(String region, boolean seededToo) {
    List<MetricId> out = new ArrayList<>();
    boolean functions = false;
    for (StackResource r : state.resources()) {
      if (!r.homeRegion().equals(region) || (r.seeded() && !seededToo)) {
        continue;
      }
      functions |= r.kind() == Kind.LAMBDA_FUNCTION;
      List<MetricDimension> dimensions = r.dimensions();
      for (MetricSpec spec : MetricCatalog.publishedWith(r.kind().dimensionNames())) {
        out.add(new MetricId(spec.namespace(), spec.metricName(), dimensions));
      }
    }
    if (functions) {
      for (MetricSpec spec : MetricCatalog.publishedWith(List.of())) {
        out.add(new MetricId(spec.namespace(), spec.metricName(), List.of()));
      }
    }
    return out;
  }

  /** The ARN of a resource in the base credentials' account. */
  String arn(StackResource resource) {
    return resource.arn(account());
  }

  private String parentName(String environment, Kind kind) {
    return find(environment, kind)
        .map(StackResource::name)
        .orElseThrow(
            () -> new IllegalArgumentException("environment " + environment + " has no " + kind));
  }

  /** Makes the current resources visible to readers and the topics exist; holds the lock. */
  private void publish() {
    state = State.of(naming, regions, resources, removed);
    // Seed-style topics exist only once someone creates them (the application's bridge does), as
    // before the stack was data; the unconventional style's and added ones exist from the start.
    Set<String> wanted = new LinkedHashSet<>();
    for (StackResource r : resources) {
      if (r.kind() == Kind.TOPIC && (naming == Naming.UNCONVENTIONAL || !r.seeded())) {
        wanted.add(sns.ensureTopic(r.region(), r.name(), r.tags()));
      }
    }
    for (String arn : topicsCreated) {
      if (!wanted.contains(arn)) {
        sns.deleteTopic(arn);
      }
    }
    topicsCreated.clear();
    topicsCreated.addAll(wanted);
  }

  /** A resource's identity: its dimensions, sorted by name, as one string. */
  private static String identity(List<MetricDimension> dimensions) {
    List<MetricDimension> sorted = new ArrayList<>(dimensions);
    sorted.sort(Comparator.comparing(MetricDimension::name));
    return sorted.stream().map(d -> d.name() + "=" + d.value()).collect(Collectors.joining("\n"));
  }

  /** 16 hex digits from a name, as AWS's load balancer and target group ids look. */
  private static String id(String name) {
    return String.format("%016x", Noise.hash("id:" + name));
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
      // One Elastic IP per NAT gateway, named after it.
      for (StackResource nat : kinds(env, Kind.NAT_GATEWAY)) {
        String name = nat.name();
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
      for (StackResource db : kinds(env, Kind.RDS_INSTANCE)) {
        String id = db.name();
        switch (env) {
          case "dev" -> out.add(new DbInstance(id, env, "db.t3.micro", 20, 7, false));
          case "prod" -> out.add(new DbInstance(id, env, "db.t3.medium", 100, 7, true));
          default -> out.add(new DbInstance(id, env, "db.t3.small", 50, 7, false));
        }
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
                db.identifier() + "-before-upgrade",
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
      List<String> names = new ArrayList<>();
      names.add("/ecs/" + env);
      kinds(env, Kind.LAMBDA_FUNCTION).forEach(f -> names.add("/aws/lambda/" + f.name()));
      names.add("/aws/apigateway/" + env);
      for (String name : names) {
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
   * minutes, and in dev's worker (its second function) an ERROR line every 2 hours (staging's and
   * prod's groups log no ERROR line). Lines older than the group's retention are gone, as in
   * CloudWatch Logs.
   */
  List<LogEvent> events(LogGroup group, long startMillis, long endMillis) {
    long step = 600_000;
    long now = clock.millis();
    long oldest = now - group.retentionDays().orElse(3650) * 86_400_000L;
    long from = Math.max(startMillis, oldest);
    long first = (from + step - 1) / step * step;
    List<LogEvent> out = new ArrayList<>();
    List<StackResource> devFunctions = kinds("dev", Kind.LAMBDA_FUNCTION);
    boolean errors =
        devFunctions.size() > 1 && group.name().equals("/aws/lambda/" + devFunctions.get(1).name());
    String queue =
        kinds("dev", Kind.QUEUE).stream().map(StackResource::name).findFirst().orElse("");
    String stream =
        "2026/01/01/[$LATEST]" + Long.toHexString(Noise.hash(group.name()) & 0xffffffffL);
    for (long t = first; t <= Math.min(endMillis, now); t += step) {
      String message;
      if (errors && t % 7_200_000 == 0) {
        message = "ERROR Task timed out processing message " + (t / step) + " from " + queue;
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

  private List<StackResource> kinds(String environment, Kind kind) {
    return state.resources().stream()
        .filter(r -> r.kind() == kind && r.environment().equals(environment))
        .toList();
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
