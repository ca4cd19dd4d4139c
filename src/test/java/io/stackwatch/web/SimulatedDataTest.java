package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@code stackwatch.source=simulator} (the default), simulated numbers are never mistaken for
 * an account's: every page has the banner that says so and how to watch an account, every JSON
 * answer the {@code Stackwatch-Source} header, {@code /api/status} and each environment of {@code
 * /api/environments} a {@code simulated} field, and {@code /q/metrics} {@code stackwatch_info}.
 */
@QuarkusTest
class SimulatedDataTest {

  static final List<String> PAGES =
      List.of(
          "/",
          "/environments/prod",
          "/environments/prod/resources",
          "/alarms",
          "/alarms/prod/rds-cpu-high",
          "/silences",
          "/cost",
          "/maintenance",
          "/maintenance/prod",
          "/notifications",
          "/admin",
          "/environments/nope");

  @Test
  void everyPageSaysItsNumbersAreSimulatedAndHowToWatchAnAccount() {
    for (String path : PAGES) {
      String page = given().get(path).asString();
      assertThat(page)
          .as(path)
          .contains("<p class=\"simulated-banner\" role=\"note\"><strong>Simulated data.</strong>")
          .contains("not from an AWS account")
          .contains("<code>stackwatch.source=aws</code>")
          .contains("deploy/README.md");
    }
  }

  @Test
  void everyJsonAnswerSaysSo() {
    JsonPath status = given().get("/api/status").jsonPath();
    assertThat(status.getString("source")).isEqualTo("simulator");
    assertThat(status.getBoolean("simulated")).isTrue();
    assertThat(given().get("/api/environments").jsonPath().getList("simulated", Boolean.class))
        .hasSize(3)
        .containsOnly(true);
    assertThat(given().get("/api/environments/prod").jsonPath().getBoolean("environment.simulated"))
        .isTrue();
    for (String path : List.of("/api/cost", "/api/alarms", "/api/aws-calls", "/api/nope")) {
      Response r = given().get(path);
      assertThat(r.header("Stackwatch-Source")).as(path).isEqualTo("simulator");
    }
    assertThat(given().get("/").header("Stackwatch-Source")).isNull();
  }

  @Test
  void theScrapeSaysSo() {
    assertThat(given().get("/q/metrics").asString())
        .contains("# TYPE stackwatch_info gauge")
        .contains("stackwatch_info{source=\"simulator\"} 1.0");
  }
}
