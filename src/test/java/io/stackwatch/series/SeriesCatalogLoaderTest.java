package io.stackwatch.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.alarm.SeedStack;
import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.datafile.DataFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The series catalog as data: the shipped file loads, an application's own metric and any
 * CloudWatch statistic can be added with YAML alone, and a bad entry names file, line, item and
 * field.
 */
@Tag("plain")
class SeriesCatalogLoaderTest {

  static final String BAD = "src/test/resources/series/bad/";

  @Test
  void theShippedCatalogOffersTheSeedsSeriesInEveryEnvironment() {
    SeriesCatalog catalog =
        SeriesCatalogLoader.load(List.of(Path.of("dashboards/series/aws.yaml")));
    assertThat(catalog.templates()).hasSizeGreaterThan(40);
    SeriesPlan prod =
        catalog.offered(
            SeedStack.env("prod"),
            SeedStack.env("prod").resources().inventory("prod"),
            Duration.ofMinutes(5));
    assertThat(prod.find("rds.cpu").orElseThrow().stat().orElseThrow().toString())
        .isEqualTo("AWS/RDS CPUUtilization{DBInstanceIdentifier=prod-db} Average/60s");
    assertThat(prod.find("cache.prod-redis-003.evictions")).isPresent();
    assertThat(prod.find("alb.unhealthy_hosts").orElseThrow().kind())
        .isEqualTo(ResourceKind.TARGET_GROUP);
    assertThat(prod.find("sqs.prod-email-dlq.visible").orElseThrow().kind())
        .isEqualTo(ResourceKind.DEAD_LETTER_QUEUE);
    assertThat(prod.find("cache.hit_ratio"))
        .as("derived from the nodes' hits and misses")
        .isPresent();
  }

  @Test
  void anApplicationsOwnMetricAndAnyStatisticAreYamlAlone() {
    SeriesCatalog catalog =
        SeriesCatalogLoader.load(List.of(Path.of("src/test/resources/series/ok/custom.yaml")));
    SeriesPlan prod =
        catalog.offered(
            SeedStack.env("prod"),
            SeedStack.env("prod").resources().inventory("prod"),
            Duration.ofMinutes(5));

    assertThat(prod.find("orders.placed").orElseThrow().stat().orElseThrow().toString())
        .isEqualTo("Acme/Orders OrdersPlaced{Environment=prod} Sum/60s");
    assertThat(prod.find("api.latency_tm90").orElseThrow().stat().orElseThrow().toString())
        .isEqualTo("AWS/ApiGateway Latency{ApiId=prod-http-api,Stage=$default} TM(10%:90%)/300s");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown-kind              | unknown-kind.yaml:2 group[0] kind: "rds-cluster" is not one of rds-instance, cache-node, ecs-service, lambda-function, http-api, load-balancer, target-group, cloudfront-distribution, queue, dead-letter-queue, nat-gateway, environment
          bad-statistic             | bad-statistic.yaml:8 group[0] series[0] statistic: "Median" is not a CloudWatch statistic (SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile such as p99, a trimmed mean such as tm90 or TM(10%:90%))
          missing-unit              | missing-unit.yaml:5 group[0] series[0] unit: missing
          dimensions-of-a-resource  | dimensions-of-a-resource.yaml:4 group[0] dimensions: only a group of kind environment names its dimensions; a resource's are its own (QueueName)
          duplicate                 | duplicate.yaml:6 group[0] series[1] id: duplicate for kind rds-instance, first defined at {bad}duplicate.yaml:5
          """)
  void aBadEntryNamesFileLineItemAndField(String fixture, String expected) {
    assertThatThrownBy(() -> SeriesCatalogLoader.load(List.of(Path.of(BAD + fixture + ".yaml"))))
        .isInstanceOf(DataFileException.class)
        .hasMessage(BAD + expected.replace("{bad}", BAD));
  }

  @Test
  void everyProblemOfAFileIsToldAtOnce() {
    DataFileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DataFileException.class,
            () -> SeriesCatalogLoader.load(List.of(Path.of(BAD + "bad-id.yaml"))));
    assertThat(e.errors())
        .containsExactly(
            BAD
                + "bad-id.yaml:4 group[0] period: 45 seconds: CloudWatch takes 1, 5, 10, 30 or a"
                + " multiple of 60",
            BAD
                + "bad-id.yaml:6 group[0] series[0] id: \"Lambda Errors\" is not a series id:"
                + " lower-case words, digits and _ joined by dots, {name} for the resource's name"
                + " (such as cache.{name}.hits)");
  }
}
