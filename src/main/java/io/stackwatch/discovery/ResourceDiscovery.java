package io.stackwatch.discovery;

import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.catalog.Resource;
import io.stackwatch.catalog.ResourceKind;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Finds what each environment holds: the resources tagged with its name ({@code GetResources},
 * asked by service rather than by exact type, ids read from the ARNs), the dimensions an ARN does
 * not tell from {@code ListMetrics}, the dead-letter queues from the tagged queues' redrive
 * policies ({@code GetQueueAttributes}), and for every kind nothing is tagged with, the names
 * configuration gives or the naming convention. A kind configuration names is never replaced.
 * Services an endpoint's tagging API does not know are asked one by one and left to the convention;
 * an environment whose discovery fails keeps what it had.
 */
@Singleton
public class ResourceDiscovery {

  private static final Logger LOG = Logger.getLogger(ResourceDiscovery.class);

  /** The resource type filters asked, by service, as the tagging API reads them. */
  static final List<String> SERVICES =
      List.of(
          "rds",
          "elasticache",
          "ecs",
          "lambda",
          "apigateway",
          "elasticloadbalancing",
          "cloudfront",
          "sqs",
          "ec2:natgateway");

  /** CloudFront is global: its tags are read in us-east-1 whatever the environment's region. */
  static final String CLOUDFRONT_REGION = "us-east-1";

  private final Catalog catalog;
  private final ResourceSource source;
  private final DiscoveryConfig config;
  private final Clock clock;
  private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

  public ResourceDiscovery(
      Catalog catalog, ResourceSource source, DiscoveryConfig config, Clock clock) {
    this.catalog = catalog;
    this.source = source;
    this.config = config;
    this.clock = clock;
  }

  /** Whether some environment was never searched, or was last searched an interval ago. */
  public boolean due() {
    if (!config.enabled()) {
      return false;
    }
    Instant now = clock.instant();
    return catalog.environments().stream()
        .anyMatch(
            e ->
                Optional.ofNullable(lastRun.get(e.name()))
                    .map(t -> !now.isBefore(t.plus(config.interval())))
                    .orElse(true));
  }

  /**
   * Searches every environment now.
   *
   * @param previous each environment's inventory so far, kept where a search fails
   * @return the new inventory of every environment
   */
  public Map<String, Inventory> discover(Map<String, Inventory> previous) {
    Map<String, Inventory> out = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      out.put(env.name(), discover(env, Optional.ofNullable(previous.get(env.name()))));
    }
    return out;
  }

  private Inventory discover(Environment env, Optional<Inventory> previous) {
    Instant now = clock.instant();
    lastRun.put(env.name(), now);
    if (!config.enabled()) {
      return env.resources().inventory(env.name());
    }
    List<String> problems = new ArrayList<>();
    List<String> arns;
    try {
      arns = tagged(env.target(), env.name(), SERVICES, problems);
      if (!env.region().equals(CLOUDFRONT_REGION)) {
        AwsTarget global =
            new AwsTarget(CLOUDFRONT_REGION, env.target().roleArn(), env.target().externalId());
        arns.addAll(tagged(global, env.name(), List.of("cloudfront"), problems));
      }
    } catch (ResourceSource.Failure e) {
      LOG.warnf("Cannot find the resources of %s by tag: %s", env.name(), e.getMessage());
      String why = "GetResources failed: " + e.getMessage();
      return previous
          .map(p -> new Inventory(p.environment(), p.resources(), p.foundAt(), Optional.of(why)))
          .orElse(
              new Inventory(
                  env.name(),
                  env.resources().inventory(env.name()).resources(),
                  Optional.empty(),
                  Optional.of(why)));
    }
    List<Resource> found = new ArrayList<>();
    for (String arn : arns) {
      Arns.resource(arn).ifPresent(found::add);
    }
    found = completed(env, found, problems);
    if (!env.resources().configured().contains(ResourceKind.DEAD_LETTER_QUEUE)) {
      found = deadLetterQueues(found, redriveTargets(env, arns, problems));
    }
    return new Inventory(
        env.name(),
        merge(env, found),
        Optional.of(now),
        problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
  }

  /**
   * The tagged ARNs of some services; a request refused as a whole is asked again service by
   * service, and the services refused alone are noted and left to the convention.
   */
  private List<String> tagged(
      AwsTarget target, String environment, List<String> services, List<String> problems) {
    try {
      return new ArrayList<>(source.tagged(target, config.tagKey(), environment, services));
    } catch (ResourceSource.Failure e) {
      if (!e.refused() || services.size() == 1) {
        throw e;
      }
    }
    List<String> arns = new ArrayList<>();
    for (String service : services) {
      try {
        arns.addAll(source.tagged(target, config.tagKey(), environment, List.of(service)));
      } catch (ResourceSource.Failure e) {
        if (!e.refused()) {
          throw e;
        }
        problems.add("the tagging API does not answer for " + service + ": " + e.getMessage());
      }
    }
    return arns;
  }

  /**
   * Fills in what ARNs do not tell: a target group's load balancer and an HTTP API's stage, from
   * the dimensions their metrics are published with. A target group whose load balancer cannot be
   * told is left out, and said so.
   */
  private List<Resource> completed(Environment env, List<Resource> found, List<String> problems) {
    List<Resource> out = new ArrayList<>();
    Map<String, Map<String, String>> byTargetGroup = null;
    Map<String, String> stageOf = null;
    for (Resource r : found) {
      if (r.kind() == ResourceKind.TARGET_GROUP) {
        if (byTargetGroup == null) {
          byTargetGroup =
              smallestSets(
                  dimensions(env, "AWS/ApplicationELB", "HealthyHostCount", problems),
                  "TargetGroup");
        }
        Map<String, String> dims = byTargetGroup.get(r.dimensions().get("TargetGroup"));
        if (dims == null || !dims.containsKey("LoadBalancer")) {
          problems.add("target group " + r.name() + " publishes no HealthyHostCount yet");
          continue;
        }
        out.add(new Resource(r.kind(), r.name(), dims, r.origin()));
      } else if (r.kind() == ResourceKind.HTTP_API) {
        if (stageOf == null) {
          stageOf = new LinkedHashMap<>();
          for (Map<String, String> d : dimensions(env, "AWS/ApiGateway", "Count", problems)) {
            if (d.containsKey("ApiId") && d.containsKey("Stage")) {
              stageOf.putIfAbsent(d.get("ApiId"), d.get("Stage"));
            }
          }
        }
        Map<String, String> dims = new LinkedHashMap<>(r.dimensions());
        dims.put("Stage", stageOf.getOrDefault(r.name(), env.resources().httpApiStage()));
        out.add(new Resource(r.kind(), r.name(), dims, r.origin()));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  private List<Map<String, String>> dimensions(
      Environment env, String namespace, String metric, List<String> problems) {
    try {
      return source.dimensions(env.target(), namespace, metric);
    } catch (ResourceSource.Failure e) {
      problems.add("ListMetrics " + namespace + " " + metric + " failed: " + e.getMessage());
      return List.of();
    }
  }

  /**
   * For each value of {@code key}, the smallest dimension set holding it: the metric as published
   * per target group, rather than per target group and zone.
   */
  static Map<String, Map<String, String>> smallestSets(List<Map<String, String>> sets, String key) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Map<String, String> s : sets) {
      String value = s.get(key);
      if (value != null) {
        out.merge(value, s, (a, b) -> b.size() < a.size() ? b : a);
      }
    }
    return out;
  }

  /**
   * The inventory from what was found by tag: kind by kind, configuration's names where it names
   * the kind, else what tags found, else the convention.
   */
  static List<Resource> merge(Environment env, List<Resource> found) {
    Inventory configured = env.resources().inventory(env.name());
    Set<ResourceKind> named = Set.copyOf(env.resources().configured());
    List<Resource> out = new ArrayList<>();
    for (ResourceKind kind : ResourceKind.values()) {
      List<Resource> byTag = found.stream().filter(r -> r.kind() == kind).toList();
      boolean queuesByTag =
          kind == ResourceKind.DEAD_LETTER_QUEUE
              && found.stream().anyMatch(r -> r.kind() == ResourceKind.QUEUE);
      if (named.contains(kind) || kind == ResourceKind.ENVIRONMENT) {
        out.addAll(configured.of(kind));
      } else if (!byTag.isEmpty() || queuesByTag) {
        out.addAll(byTag);
      } else {
        out.addAll(configured.of(kind));
      }
    }
    return out;
  }

  /**
   * The names of the queues the tagged queues' redrive policies send failed messages to, or, when
   * SQS does not tell (refused, down), empty: then the convention {@code <queue>-dlq} decides.
   */
  private Optional<Set<String>> redriveTargets(
      Environment env, List<String> arns, List<String> problems) {
    Set<String> targets = new HashSet<>();
    for (String arn : arns) {
      if (Arns.resource(arn).filter(r -> r.kind() == ResourceKind.QUEUE).isEmpty()) {
        continue;
      }
      try {
        source.deadLetterQueue(env.target(), arn).ifPresent(targets::add);
      } catch (ResourceSource.Failure e) {
        problems.add(
            "SQS GetQueueAttributes failed, dead-letter queues told by their -dlq names: "
                + e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(targets);
  }

  /**
   * Tagged queues that another queue's redrive policy names are dead-letter queues, whatever their
   * names; without redrive policies, those named {@code <queue>-dlq} after another tagged queue.
   */
  static List<Resource> deadLetterQueues(List<Resource> found, Optional<Set<String>> targets) {
    Set<String> queues =
        found.stream()
            .filter(r -> r.kind() == ResourceKind.QUEUE)
            .map(Resource::name)
            .collect(Collectors.toSet());
    return found.stream()
        .map(
            r ->
                r.kind() == ResourceKind.QUEUE
                        && targets
                            .map(t -> t.contains(r.name()))
                            .orElse(
                                r.name().endsWith("-dlq")
                                    && queues.contains(
                                        r.name().substring(0, r.name().length() - 4)))
                    ? new Resource(
                        ResourceKind.DEAD_LETTER_QUEUE, r.name(), r.dimensions(), r.origin())
                    : r)
        .toList();
  }
}
