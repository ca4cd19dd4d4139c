package io.stackwatch.discovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.StackResource;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.snapshot.Snapshots;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack whose resources follow no naming convention ({@code acme-orders-db-7}, queues {@code
 * jobs} and {@code jobs-failed}, cluster-mode cache ids), tagged {@code
 * Environment=prod|staging|dev}, with no resource name in the configuration: stackwatch finds every
 * resource by tag, binds the seed's five alarms, shows numbers, and finds a resource added later
 * without a restart. The simulator answers nothing for names its stack does not hold, so the
 * convention alone would show no number at all.
 */
@QuarkusTest
@TestProfile(UnconventionalStackTest.Unconventional.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnconventionalStackTest {

  /** The simulated stack named by no convention; nothing named in configuration. */
  public static class Unconventional implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.simulator.naming", "unconventional");
    }
  }

  static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @Inject PollJob job;
  @Inject Snapshots snapshots;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  void poll() {
    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();
  }

  static JsonPath resources(String env) {
    return given()
        .get("/api/environments/" + env + "/resources")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static List<String> names(JsonPath resources, String kind) {
    return resources.getList("resources.findAll { it.kind == '" + kind + "' }.name");
  }

  @Test
  @Order(1)
  void everyResourceIsFoundByTagAndTheSeedsFiveAlarmsBindInEveryEnvironment() {
    poll();

    JsonPath prod = resources("prod");
    assertThat(prod.getString("problem")).isNull();
    assertThat(prod.getString("foundAt")).isNotNull();
    assertThat(names(prod, "rds-instance")).containsExactly("acme-orders-db-7");
    assertThat(names(prod, "cache-node"))
        .containsExactlyInAnyOrder(
            "acme-sessions-0001-001", "acme-sessions-0001-002", "acme-sessions-0002-001");
    assertThat(names(prod, "queue")).containsExactlyInAnyOrder("jobs", "outbound-mail");
    // Dead-letter queues by their sources' redrive policies, whatever their names.
    assertThat(names(prod, "dead-letter-queue"))
        .containsExactlyInAnyOrder("jobs-failed", "mail-parking-lot");
    assertThat(names(prod, "lambda-function"))
        .containsExactlyInAnyOrder("orders-handler", "mailer");
    assertThat(names(prod, "target-group")).containsExactlyInAnyOrder("orders-tg", "admin-tg");
    assertThat(names(prod, "http-api")).containsExactly("a1b2c3d4e5");
    assertThat(names(prod, "nat-gateway")).hasSize(3);
    assertThat(prod.getList("resources.findAll { it.kind != 'environment' }.foundBy"))
        .containsOnly("tag");
    // Each target group with the load balancer its metrics are published under.
    assertThat(
            prod.getMap(
                "resources.find { it.name == 'orders-tg' }.dimensions", String.class, String.class))
        .containsEntry("LoadBalancer", "app/edge-lb/0f1e2d3c4b5a6978");
    assertThat(names(resources("staging"), "rds-instance")).containsExactly("ledger-pg-2");
    assertThat(names(resources("dev"), "cloudfront-distribution")).isEmpty();

    for (String env : List.of("prod", "staging", "dev")) {
      List<String> ids =
          snapshots.current().environment(env).orElseThrow().alarms().stream()
              .map(a -> a.status().instance().id())
              .toList();
      assertThat(ids)
          .as(env)
          .contains(
              "rds-cpu-high",
              "api-5xx-high",
              "lambda-concurrency-near-limit",
              "rds-free-storage-low")
          .anyMatch(id -> id.startsWith("cache-evictions-increasing"));
    }
    assertThat(snapshots.current().environment("prod").orElseThrow().alarms())
        .extracting(a -> a.status().instance().id())
        .contains("sqs-dlq-not-empty:jobs-failed", "sqs-dlq-not-empty:mail-parking-lot");
  }

  @Test
  @Order(2)
  void thePagesShowNumbersOfTheResourcesFound() {
    poll();
    String html = given().get("/").then().statusCode(200).extract().asString();

    assertThat(html).doesNotContain("stale-badge");
    Matcher cpu = Pattern.compile("<dt>DB CPU</dt><dd>([^<]+)</dd>").matcher(html);
    int cards = 0;
    while (cpu.find()) {
      assertThat(cpu.group(1)).matches("\\d+(\\.\\d+)? %");
      cards++;
    }
    assertThat(cards).isEqualTo(3);
    String page =
        given().get("/environments/prod/resources").then().statusCode(200).extract().asString();
    assertThat(page).contains("acme-orders-db-7").contains(">tag<");
    assertThat(
            snapshots.current().environment("prod").orElseThrow().alarms().stream()
                .map(AlarmReading::status)
                .filter(s -> s.instance().id().equals("rds-cpu-high"))
                .findFirst()
                .orElseThrow()
                .value())
        .as("the alarm evaluated the database's datapoints")
        .isPresent();
  }

  @Test
  @Order(3)
  void aResourceAddedToTheStackAppearsAfterARediscoveryWithoutARestart() {
    runtime.simulator().stack().add("prod", StackResource.Kind.LAMBDA_FUNCTION, "refunds");
    assertThat(names(resources("prod"), "lambda-function")).doesNotContain("refunds");

    // An admin asks (open access on the loopback address: everyone may).
    Response admin = given().get("/admin");
    Matcher token = TOKEN.matcher(admin.asString());
    assertThat(token.find()).isTrue();
    String result =
        given()
            .cookie("csrf-token", admin.getCookie("csrf-token"))
            .formParam("csrf-token", token.group(1))
            .post("/admin/resources/discover")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(result).contains("Resources changed");

    assertThat(names(resources("prod"), "lambda-function")).contains("refunds");
    poll();
    assertThat(
            snapshots.current().environment("prod").orElseThrow().alarms().stream()
                .map(a -> a.status().instance().id()))
        .contains("lambda-errors:refunds");
    assertThat(
            snapshots.current().environment("prod").orElseThrow().series().stream()
                .filter(r -> r.series().id().equals("lambda.refunds.errors"))
                .findFirst()
                .orElseThrow()
                .latest())
        .as("the new function's errors are collected")
        .isPresent();
  }
}
