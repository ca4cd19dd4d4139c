package io.stackwatch.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.TestClock;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.CatalogConfig;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.catalog.Resource;
import io.stackwatch.catalog.Resource.Origin;
import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.cost.WatchingCost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Discovery against a scripted tagging API: tags win over the convention kind by kind,
 * configuration over both; a refused service is asked alone and left to the convention; a failing
 * search keeps what was found before.
 */
@Tag("plain")
class ResourceDiscoveryTest {

  final TestClock clock = new TestClock();

  /** A tagging API answering from a list, refusing some services, failing when told. */
  static final class Scripted implements ResourceSource {
    final List<String> arns = new ArrayList<>();
    final List<String> refusedServices = new ArrayList<>();
    final List<List<String>> asked = new ArrayList<>();
    final Map<String, List<Map<String, String>>> metrics = new HashMap<>();
    final List<String> listed = new ArrayList<>();
    final Map<String, String> redrive = new HashMap<>();
    boolean down;
    boolean sqsRefused;

    @Override
    public List<String> tagged(AwsTarget target, String key, String value, List<String> services) {
      asked.add(services);
      if (down) {
        throw new Failure("Unable to execute HTTP request: connect timed out", false);
      }
      if (services.stream().anyMatch(refusedServices::contains)) {
        throw new Failure("InvalidParameterException: unsupported resource type (HTTP 400)", true);
      }
      return arns.stream()
          .filter(
              a ->
                  services.stream().anyMatch(s -> a.startsWith("arn:aws:" + s.split(":")[0] + ":")))
          .toList();
    }

    @Override
    public List<Map<String, String>> dimensions(AwsTarget target, String namespace, String metric) {
      listed.add(namespace + " " + metric);
      return metrics.getOrDefault(namespace + " " + metric, List.of());
    }

    @Override
    public Optional<String> deadLetterQueue(AwsTarget target, String queueArn) {
      if (sqsRefused) {
        throw new Failure("UnsupportedOperation: not implemented (HTTP 400)", true);
      }
      return Optional.ofNullable(redrive.get(queueArn.substring(queueArn.lastIndexOf(':') + 1)));
    }
  }

  final Scripted source = new Scripted();

  ResourceDiscovery discovery(Map<String, String> settings) {
    Map<String, String> props = new HashMap<>(settings);
    props.put("stackwatch.environments.prod.region", "us-east-1");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withMapping(DiscoveryConfig.class)
            .withConverter(
                Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
            .withSources(new PropertiesConfigSource(props, "test", 100))
            .build();
    return new ResourceDiscovery(
        Catalog.from(config.getConfigMapping(CatalogConfig.class)),
        source,
        config.getConfigMapping(DiscoveryConfig.class),
        clock);
  }

  static List<String> names(Inventory i, ResourceKind kind) {
    return i.of(kind).stream().map(Resource::name).toList();
  }

  @Test
  void tagsReplaceTheConventionKindByKindAndConfigurationWins() {
    source.arns.addAll(
        List.of(
            "arn:aws:rds:us-east-1:123456789012:db:acme-orders-db-7",
            "arn:aws:elasticache:us-east-1:123456789012:cluster:acme-sessions-0001-001",
            "arn:aws:elasticache:us-east-1:123456789012:cluster:acme-sessions-0002-001",
            "arn:aws:sqs:us-east-1:123456789012:jobs",
            "arn:aws:sqs:us-east-1:123456789012:jobs-dlq",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/5a6b",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/admin/7c8d",
            "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5"));
    source.metrics.put(
        "AWS/ApplicationELB HealthyHostCount",
        List.of(
            Map.of(
                "TargetGroup",
                "targetgroup/orders/5a6b",
                "LoadBalancer",
                "app/edge/1",
                "AvailabilityZone",
                "us-east-1a"),
            Map.of("TargetGroup", "targetgroup/orders/5a6b", "LoadBalancer", "app/edge/1"),
            Map.of("TargetGroup", "targetgroup/admin/7c8d", "LoadBalancer", "app/edge/1")));
    source.metrics.put(
        "AWS/ApiGateway Count", List.of(Map.of("ApiId", "a1b2c3d4e5", "Stage", "live")));
    source.redrive.put("jobs", "jobs-dlq");
    Inventory prod =
        discovery(Map.of("stackwatch.environments.prod.resources.lambda-functions", "mailer"))
            .discover(Map.of())
            .get("prod");

    assertThat(names(prod, ResourceKind.RDS_INSTANCE)).containsExactly("acme-orders-db-7");
    assertThat(prod.first(ResourceKind.RDS_INSTANCE).orElseThrow().origin()).isEqualTo(Origin.TAG);
    assertThat(names(prod, ResourceKind.CACHE_NODE))
        .containsExactly("acme-sessions-0001-001", "acme-sessions-0002-001");
    assertThat(names(prod, ResourceKind.QUEUE)).containsExactly("jobs");
    assertThat(names(prod, ResourceKind.DEAD_LETTER_QUEUE)).containsExactly("jobs-dlq");
    // Two target groups, each named with its load balancer, per target group not per zone.
    assertThat(prod.of(ResourceKind.TARGET_GROUP))
        .extracting(Resource::dimensions)
        .containsExactly(
            Map.of("TargetGroup", "targetgroup/orders/5a6b", "LoadBalancer", "app/edge/1"),
            Map.of("TargetGroup", "targetgroup/admin/7c8d", "LoadBalancer", "app/edge/1"));
    assertThat(prod.first(ResourceKind.HTTP_API).orElseThrow().dimensions())
        .containsEntry("Stage", "live");
    // Configuration names the functions: tags never replace them.
    assertThat(prod.of(ResourceKind.LAMBDA_FUNCTION))
        .extracting(Resource::name, Resource::origin)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("mailer", Origin.CONFIGURATION));
    // Nothing tagged: the convention.
    assertThat(prod.of(ResourceKind.ECS_SERVICE))
        .extracting(Resource::name, Resource::origin)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("prod-app", Origin.CONVENTION));
    assertThat(prod.foundAt()).contains(clock.instant());
    assertThat(prod.problem()).isEmpty();
    // Two target groups and an API, one ListMetrics each kind: what "What watching costs" prices.
    assertThat(source.listed).hasSize(WatchingCost.LIST_METRICS_PER_DISCOVERY);
  }

  @Test
  void aServiceTheTaggingApiRefusesIsAskedAloneAndLeftToTheConvention() {
    source.arns.add("arn:aws:rds:us-east-1:123456789012:db:acme-orders-db-7");
    source.arns.add("arn:aws:elasticache:us-east-1:123456789012:cluster:sessions-1");
    source.refusedServices.add("elasticache");
    Inventory prod = discovery(Map.of()).discover(Map.of()).get("prod");

    assertThat(names(prod, ResourceKind.RDS_INSTANCE)).containsExactly("acme-orders-db-7");
    assertThat(names(prod, ResourceKind.CACHE_NODE)).containsExactly("prod-redis-001");
    assertThat(prod.problem().orElseThrow())
        .contains("the tagging API does not answer for elasticache");
    // The whole request, then one per service (the ones of the environment's own region).
    assertThat(source.asked.get(0)).containsExactlyElementsOf(ResourceDiscovery.SERVICES);
    assertThat(source.asked).contains(List.of("elasticache"), List.of("rds"));
  }

  @Test
  void aFailingSearchKeepsWhatWasFoundBefore() {
    source.arns.add("arn:aws:rds:us-east-1:123456789012:db:acme-orders-db-7");
    ResourceDiscovery d = discovery(Map.of());
    Map<String, Inventory> first = d.discover(Map.of());
    source.down = true;
    clock.advance(Duration.ofHours(1));
    assertThat(d.due()).isTrue();
    Inventory prod = d.discover(first).get("prod");

    assertThat(names(prod, ResourceKind.RDS_INSTANCE)).containsExactly("acme-orders-db-7");
    assertThat(prod.problem().orElseThrow()).startsWith("GetResources failed: Unable to execute");
    assertThat(d.due()).isFalse();
  }

  @Test
  void aDeadLetterQueueIsTheOneARedrivePolicyNamesWhateverItsName() {
    source.arns.addAll(
        List.of(
            "arn:aws:sqs:us-east-1:123456789012:jobs",
            "arn:aws:sqs:us-east-1:123456789012:jobs-failed",
            "arn:aws:sqs:us-east-1:123456789012:audit",
            "arn:aws:sqs:us-east-1:123456789012:audit-dlq"));
    source.redrive.put("jobs", "jobs-failed");
    Inventory prod = discovery(Map.of()).discover(Map.of()).get("prod");

    assertThat(names(prod, ResourceKind.DEAD_LETTER_QUEUE)).containsExactly("jobs-failed");
    // No redrive policy names audit-dlq: a queue, whatever its name says.
    assertThat(names(prod, ResourceKind.QUEUE)).containsExactly("jobs", "audit", "audit-dlq");
    assertThat(prod.problem()).isEmpty();
  }

  @Test
  void whereSqsDoesNotAnswerTheDlqSuffixTellsDeadLetterQueuesAndSaysSo() {
    source.arns.addAll(
        List.of(
            "arn:aws:sqs:us-east-1:123456789012:jobs",
            "arn:aws:sqs:us-east-1:123456789012:jobs-dlq",
            "arn:aws:sqs:us-east-1:123456789012:jobs-failed"));
    source.sqsRefused = true;
    Inventory prod = discovery(Map.of()).discover(Map.of()).get("prod");

    assertThat(names(prod, ResourceKind.DEAD_LETTER_QUEUE)).containsExactly("jobs-dlq");
    assertThat(names(prod, ResourceKind.QUEUE)).containsExactly("jobs", "jobs-failed");
    assertThat(prod.problem().orElseThrow())
        .isEqualTo(
            "SQS GetQueueAttributes failed, dead-letter queues told by their -dlq names:"
                + " UnsupportedOperation: not implemented (HTTP 400)");
  }

  @Test
  void deadLetterQueuesInConfigurationWinAndSqsIsNotAsked() {
    source.arns.addAll(
        List.of(
            "arn:aws:sqs:us-east-1:123456789012:jobs",
            "arn:aws:sqs:us-east-1:123456789012:jobs-failed"));
    source.sqsRefused = true;
    Inventory prod =
        discovery(Map.of("stackwatch.environments.prod.resources.dead-letter-queues", "parked"))
            .discover(Map.of())
            .get("prod");

    assertThat(names(prod, ResourceKind.DEAD_LETTER_QUEUE)).containsExactly("parked");
    assertThat(prod.problem()).isEmpty();
  }
}
