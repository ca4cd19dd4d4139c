package io.stackwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class CatalogTest {

  static Catalog catalog(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(CatalogConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return Catalog.from(config.getConfigMapping(CatalogConfig.class));
  }

  @Test
  void namesEveryResourceByTheConventionWhenNothingIsSet() {
    Catalog catalog = catalog(Map.of("stackwatch.environments.staging.region", "eu-west-1"));

    Environment staging = catalog.find("staging").orElseThrow();
    Resources r = staging.resources();
    assertThat(staging.region()).isEqualTo("eu-west-1");
    assertThat(r.rdsInstance()).isEqualTo("staging-db");
    assertThat(r.cacheNodes()).containsExactly("staging-redis-001");
    assertThat(r.ecsCluster()).isEqualTo("staging-cluster");
    assertThat(r.ecsService()).isEqualTo("staging-app");
    assertThat(r.lambdaFunctions()).containsExactly("staging-api", "staging-worker");
    assertThat(r.httpApiId()).isEqualTo("staging-http-api");
    assertThat(r.httpApiStage()).isEqualTo("$default");
    assertThat(r.loadBalancer()).isEqualTo("app/staging-alb/default");
    assertThat(r.cloudfrontDistribution()).contains("staging-cdn");
    assertThat(r.deadLetterQueues()).containsExactly("staging-processing-dlq", "staging-email-dlq");
    assertThat(r.natGateways()).containsExactly("staging-nat-1");
    assertThat(staging.roleArn()).isEmpty();
  }

  @Test
  void everyNameCanBeOverridden() {
    Catalog catalog =
        catalog(
            Map.of(
                "stackwatch.environments.prod.resources.rds-instance", "orders-primary",
                "stackwatch.environments.prod.resources.cache-nodes", "3",
                "stackwatch.environments.prod.resources.nat-gateway-ids", "nat-0a1,nat-0b2",
                "stackwatch.environments.prod.resources.http-api-id", "a1b2c3d4e5",
                "stackwatch.environments.prod.role-arn", "arn:aws:iam::123456789012:role/read",
                "stackwatch.environments.prod.monthly-budget", "600",
                "stackwatch.environments.prod.resources.cloudfront", "false"));

    Environment prod = catalog.find("prod").orElseThrow();
    assertThat(prod.resources().rdsInstance()).isEqualTo("orders-primary");
    assertThat(prod.resources().cacheNodes())
        .containsExactly("prod-redis-001", "prod-redis-002", "prod-redis-003");
    assertThat(prod.resources().natGateways()).containsExactly("nat-0a1", "nat-0b2");
    assertThat(prod.resources().httpApiId()).isEqualTo("a1b2c3d4e5");
    assertThat(prod.resources().cloudfrontDistribution()).isEmpty();
    assertThat(prod.roleArn()).contains("arn:aws:iam::123456789012:role/read");
    assertThat(prod.monthlyBudget()).isEqualByComparingTo(new BigDecimal("600"));
  }

  @Test
  void ordersProdFirstThenTheRestByName() {
    Catalog catalog =
        catalog(
            Map.of(
                "stackwatch.environments.dev.region", "us-east-1",
                "stackwatch.environments.qa.region", "us-east-1",
                "stackwatch.environments.prod.region", "us-east-1",
                "stackwatch.environments.staging.region", "us-east-1"));

    assertThat(catalog.environments())
        .extracting(Environment::name)
        .containsExactly("prod", "staging", "dev", "qa");
  }
}
