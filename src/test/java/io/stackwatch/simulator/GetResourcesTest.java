package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.PaginationTokenExpiredException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** GetResources through the real SDK client, over the unconventional stack unless said. */
@Tag("simulator")
class GetResourcesTest {

  private static final String ACCOUNT = "000000000000";

  private final TestClock clock = new TestClock(SimulatorFixture.NOW);
  private AwsSimulator sim;
  private ResourceGroupsTaggingApiClient tagging;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, clock, SimulatorFixture.SEED);
    sim.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
    tagging = SimulatorFixture.tagging(sim, Region.US_EAST_1);
  }

  @AfterEach
  void stop() {
    tagging.close();
    sim.close();
  }

  @Test
  void anEnvironmentIsFoundByItsTagWithArnsAsAwsFormatsThem() {
    List<ResourceTagMapping> prod = all(r -> r.tagFilters(environment("prod")));

    assertThat(prod)
        .extracting(ResourceTagMapping::resourceARN)
        .containsExactlyInAnyOrder(
            "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:acme-orders-db-7",
            "arn:aws:elasticache:us-east-1:" + ACCOUNT + ":replicationgroup:acme-sessions",
            "arn:aws:elasticache:us-east-1:" + ACCOUNT + ":cluster:acme-sessions-0001-001",
            "arn:aws:elasticache:us-east-1:" + ACCOUNT + ":cluster:acme-sessions-0001-002",
            "arn:aws:elasticache:us-east-1:" + ACCOUNT + ":cluster:acme-sessions-0002-001",
            "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/shared-cluster",
            "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/shared-cluster/orders",
            "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:orders-handler",
            "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:mailer",
            "arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5",
            "arn:aws:elasticloadbalancing:us-east-1:"
                + ACCOUNT
                + ":loadbalancer/app/edge-lb/0f1e2d3c4b5a6978",
            "arn:aws:elasticloadbalancing:us-east-1:"
                + ACCOUNT
                + ":targetgroup/orders-tg/1a2b3c4d5e6f7081",
            "arn:aws:elasticloadbalancing:us-east-1:"
                + ACCOUNT
                + ":targetgroup/admin-tg/9f8e7d6c5b4a3921",
            "arn:aws:cloudfront::" + ACCOUNT + ":distribution/E2QWRTY1ABCDEF",
            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs",
            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs-failed",
            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":outbound-mail",
            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":mail-parking-lot",
            "arn:aws:ec2:us-east-1:" + ACCOUNT + ":natgateway/nat-0a1b2c3d4e5f60718",
            "arn:aws:ec2:us-east-1:" + ACCOUNT + ":natgateway/nat-0b2c3d4e5f6071829",
            "arn:aws:ec2:us-east-1:" + ACCOUNT + ":natgateway/nat-0c3d4e5f607182930",
            "arn:aws:sns:us-east-1:" + ACCOUNT + ":oncall-page",
            "arn:aws:sns:us-east-1:" + ACCOUNT + ":team-digest");
    assertThat(prod)
        .allSatisfy(
            m ->
                assertThat(m.tags())
                    .contains(
                        software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag.builder()
                            .key("Environment")
                            .value("prod")
                            .build()));
    assertThat(sim.calls().count("tagging", "GetResources")).isEqualTo(1);
  }

  @Test
  void typeFiltersNameAServiceOrAServiceAndType() {
    assertThat(count("rds")).isEqualTo(3);
    assertThat(count("rds:db")).isEqualTo(3);
    assertThat(count("elasticache:cluster")).isEqualTo(3 + 2 + 1);
    assertThat(count("elasticache:replicationgroup")).isEqualTo(3);
    assertThat(count("elasticache")).isEqualTo(6 + 3);
    assertThat(count("ecs:service")).isEqualTo(3);
    assertThat(count("lambda:function")).isEqualTo(6);
    assertThat(count("apigateway")).isEqualTo(3);
    assertThat(count("elasticloadbalancing:loadbalancer")).isEqualTo(3);
    assertThat(count("elasticloadbalancing:targetgroup")).isEqualTo(2 + 1 + 1);
    assertThat(count("cloudfront:distribution")).isEqualTo(2);
    assertThat(count("sqs")).isEqualTo(12);
    assertThat(count("sqs:queue")).isEqualTo(12);
    assertThat(count("ec2:natgateway")).isEqualTo(3 + 3 + 1);
    assertThat(count("sns")).isEqualTo(6);
    // A service the stack has nothing of is no error.
    assertThat(count("s3")).isZero();

    // Several types are any of them; with a tag filter, both hold.
    assertThat(all(r -> r.resourceTypeFilters("rds", "lambda:function"))).hasSize(3 + 6);
    assertThat(
            all(r -> r.resourceTypeFilters("rds").tagFilters(environment("staging"))).stream()
                .map(ResourceTagMapping::resourceARN))
        .containsExactly("arn:aws:rds:us-east-1:" + ACCOUNT + ":db:ledger-pg-2");
  }

  @Test
  void tagFiltersAllHoldAndAnyOfAFiltersValues() {
    assertThat(all(r -> r.tagFilters(environment("prod", "dev")))).hasSize(23 + 17);
    // A key without values matches any value.
    assertThat(all(r -> r.tagFilters(TagFilter.builder().key("Environment").build())))
        .hasSize(23 + 21 + 17);
    assertThat(all(r -> r.tagFilters(TagFilter.builder().key("Name").build())))
        .extracting(ResourceTagMapping::resourceARN)
        .allMatch(arn -> arn.contains(":natgateway/"))
        .hasSize(7);
    assertThat(
            all(
                r ->
                    r.tagFilters(
                        environment("prod"),
                        TagFilter.builder().key("Name").values("nat-0a1b2c3d4e5f60718").build())))
        .hasSize(1);
    assertThat(all(r -> r.tagFilters(environment("nowhere")))).isEmpty();
  }

  @Test
  void pagesHoldResourcesPerPageAndTheLastCarriesAnEmptyToken() {
    int total = all(r -> {}).size();
    assertThat(total).isEqualTo(23 + 21 + 17);
    sim.calls().clear();

    GetResourcesResponse first = tagging.getResources(r -> r.resourcesPerPage(7));
    assertThat(first.resourceTagMappingList()).hasSize(7);
    assertThat(first.paginationToken()).isNotEmpty();

    List<String> arns = new ArrayList<>();
    String token = "";
    GetResourcesResponse page;
    do {
      String from = token;
      page = tagging.getResources(r -> r.resourcesPerPage(7).paginationToken(from));
      page.resourceTagMappingList().forEach(m -> arns.add(m.resourceARN()));
      token = page.paginationToken();
    } while (!token.isEmpty());
    assertThat(arns).hasSize(total).doesNotHaveDuplicates();
    // AWS ends with an empty token, not none: a loop waiting for null would never end.
    assertThat(page.paginationToken()).isNotNull().isEmpty();
    assertThat(sim.calls().count("tagging", "GetResources")).isEqualTo(1 + (total + 6) / 7);

    // The SDK's paginator follows the same tokens.
    List<ResourceTagMapping> paged = new ArrayList<>();
    tagging
        .getResourcesPaginator(r -> r.resourcesPerPage(7))
        .resourceTagMappingList()
        .forEach(paged::add);
    assertThat(paged).hasSize(total);

    // Without ResourcesPerPage, 100 a page.
    assertThat(tagging.getResources(r -> {}).resourceTagMappingList()).hasSize(total);
  }

  @Test
  void tagsPerPageNeverSplitsAResourceFromItsTags() {
    GetResourcesResponse page =
        tagging.getResources(r -> r.tagFilters(environment("prod")).tagsPerPage(100));
    // 23 resources: one tag each, NAT gateways two.
    assertThat(page.resourceTagMappingList()).hasSize(23);
    assertThat(page.paginationToken()).isEmpty();
  }

  @Test
  void badInputIsAnInvalidParameterException() {
    assertInvalid(r -> r.resourcesPerPage(0));
    assertInvalid(r -> r.resourcesPerPage(101));
    assertInvalid(r -> r.tagsPerPage(50));
    assertInvalid(r -> r.resourceTypeFilters("RDS DB"));
    assertInvalid(r -> r.tagFilters(TagFilter.builder().values("prod").build()));
    assertInvalid(
        r ->
            r.resourceARNList("arn:aws:rds:us-east-1:" + ACCOUNT + ":db:acme-orders-db-7")
                .resourcesPerPage(10));
    assertInvalid(r -> r.excludeCompliantResources(true));
    assertInvalid(r -> r.paginationToken("not-a-token"));
    String token = tagging.getResources(r -> r.resourcesPerPage(5)).paginationToken();
    // A token belongs to the request that got it.
    assertInvalid(r -> r.resourcesPerPage(6).paginationToken(token));
    assertThat(sim.calls().all())
        .filteredOn(c -> c.status() == 400)
        .hasSize(9)
        .allSatisfy(c -> assertThat(c.errorCode()).isEqualTo("InvalidParameterException"));
  }

  @Test
  void aTokenExpiresAfterFifteenMinutes() {
    String token = tagging.getResources(r -> r.resourcesPerPage(5)).paginationToken();
    clock.advance(Duration.ofMinutes(14));
    assertThat(
            tagging
                .getResources(r -> r.resourcesPerPage(5).paginationToken(token))
                .resourceTagMappingList())
        .hasSize(5);
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(
            () -> tagging.getResources(r -> r.resourcesPerPage(5).paginationToken(token)))
        .isInstanceOf(PaginationTokenExpiredException.class);
  }

  @Test
  void anArnListAsksForThoseResources() {
    assertThat(
            tagging
                .getResources(
                    r ->
                        r.resourceARNList(
                            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs-failed",
                            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":no-such-queue"))
                .resourceTagMappingList())
        .extracting(ResourceTagMapping::resourceARN)
        .containsExactly("arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs-failed");
  }

  @Test
  void anEndpointWithoutAServiceLeavesItsResourcesOut() {
    sim.tagging().omitService("elasticache");
    assertThat(all(r -> r.tagFilters(environment("prod")))).hasSize(23 - 4);
    assertThat(count("elasticache:cluster")).isZero();

    sim.tagging().includeService("elasticache").omitService("elasticache:cluster");
    assertThat(count("elasticache")).isEqualTo(3);

    sim.tagging().reset();
    assertThat(count("elasticache")).isEqualTo(9);
  }

  @Test
  void shortPagesMakeTheClientFollowTheTokens() {
    sim.tagging().shortPages(true);
    GetResourcesResponse first = tagging.getResources(r -> r.tagFilters(environment("prod")));
    assertThat(first.resourceTagMappingList()).isEmpty();
    assertThat(first.paginationToken()).isNotEmpty();
    assertThat(all(r -> r.tagFilters(environment("prod")).resourcesPerPage(10))).hasSize(23);
  }

  @Test
  void eachRegionListsItsOwnResourcesAndCloudFrontIsInUsEast1() {
    sim.stack().addEnvironment("eu", "eu-west-1");
    try (ResourceGroupsTaggingApiClient ireland = SimulatorFixture.tagging(sim, Region.EU_WEST_1)) {
      List<ResourceTagMapping> eu = new ArrayList<>();
      ireland
          .getResourcesPaginator(r -> r.tagFilters(environment("eu")))
          .resourceTagMappingList()
          .forEach(eu::add);
      assertThat(eu)
          .isNotEmpty()
          .allSatisfy(m -> assertThat(m.resourceARN()).contains(":eu-west-1:"));
      assertThat(
              ireland.getResources(r -> r.tagFilters(environment("prod"))).resourceTagMappingList())
          .isEmpty();
    }
    assertThat(all(r -> r.tagFilters(environment("eu"))))
        .singleElement()
        .satisfies(m -> assertThat(m.resourceARN()).startsWith("arn:aws:cloudfront::"));
  }

  @Test
  void theSeedStyleListsConventionalNamesAndTopicsOnceTheyExist() {
    try (AwsSimulator seed = AwsSimulator.start(0, clock, SimulatorFixture.SEED);
        ResourceGroupsTaggingApiClient client = SimulatorFixture.tagging(seed, Region.US_EAST_1)) {
      List<String> arns =
          client
              .getResources(r -> r.tagFilters(environment("prod")))
              .resourceTagMappingList()
              .stream()
              .map(ResourceTagMapping::resourceARN)
              .toList();
      assertThat(arns)
          .contains(
              "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:prod-db",
              "arn:aws:elasticloadbalancing:us-east-1:"
                  + ACCOUNT
                  + ":loadbalancer/app/prod-alb/default",
              "arn:aws:sqs:us-east-1:" + ACCOUNT + ":prod-email-dlq")
          .noneMatch(a -> a.startsWith("arn:aws:sns:"));

      seed.sns().ensureTopic("us-east-1", "prod-alerts");
      assertThat(
              client
                  .getResources(r -> r.resourceTypeFilters("sns").tagFilters(environment("prod")))
                  .resourceTagMappingList())
          .extracting(ResourceTagMapping::resourceARN)
          .containsExactly("arn:aws:sns:us-east-1:" + ACCOUNT + ":prod-alerts");
    }
  }

  @Test
  void resourcesAddedAndRemovedAtRunTimeComeAndGo() {
    sim.stack().add("prod", StackResource.Kind.LAMBDA_FUNCTION, "billing");
    assertThat(all(r -> r.resourceTypeFilters("lambda").tagFilters(environment("prod"))))
        .extracting(ResourceTagMapping::resourceARN)
        .contains("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:billing");
    sim.stack().remove("prod", StackResource.Kind.LAMBDA_FUNCTION, "billing");
    assertThat(all(r -> r.resourceTypeFilters("lambda").tagFilters(environment("prod"))))
        .hasSize(2);
  }

  @Test
  void theStackBelongsToTheBaseAccountAndARoleSeesItsOwnAccount() {
    assertThat(asRole("arn:aws:iam::000000000000:role/read")).hasSize(23 + 21 + 17);
    assertThat(asRole("arn:aws:iam::210987654321:role/read")).isEmpty();

    // Telling the simulator its account is the role's makes the stack that account's.
    sim.stack().naming(SimulatedStack.Naming.SEED);
    sim.sts().account("210987654321");
    assertThat(asRole("arn:aws:iam::210987654321:role/read"))
        .extracting(ResourceTagMapping::resourceARN)
        .contains("arn:aws:rds:us-east-1:210987654321:db:prod-db");
  }

  private List<ResourceTagMapping> asRole(String roleArn) {
    try (StsClient sts = SimulatorFixture.sts(sim);
        StsAssumeRoleCredentialsProvider role =
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("stackwatch"))
                .build();
        ResourceGroupsTaggingApiClient client =
            ResourceGroupsTaggingApiClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(role)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      List<ResourceTagMapping> out = new ArrayList<>();
      client
          .getResourcesPaginator(r -> r.tagFilters(TagFilter.builder().key("Environment").build()))
          .resourceTagMappingList()
          .forEach(out::add);
      return out;
    }
  }

  private static TagFilter environment(String... values) {
    return TagFilter.builder().key("Environment").values(values).build();
  }

  private int count(String typeFilter) {
    return all(r -> r.resourceTypeFilters(typeFilter)).size();
  }

  private List<ResourceTagMapping> all(Consumer<GetResourcesRequest.Builder> request) {
    List<ResourceTagMapping> out = new ArrayList<>();
    tagging.getResourcesPaginator(request).resourceTagMappingList().forEach(out::add);
    return out;
  }

  private void assertInvalid(Consumer<GetResourcesRequest.Builder> request) {
    assertThatThrownBy(() -> tagging.getResources(request))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
            });
  }
}
