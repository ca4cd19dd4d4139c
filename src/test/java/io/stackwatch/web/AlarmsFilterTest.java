package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /alarms} as a working list: filters by environment, state, severity, category,
 * acknowledgement and words, all in the URL; firing alarms first, then in catalog order (prod
 * first); every alarm of {@code /api/alarms} with its category; a filter value that names nothing
 * is a 400 saying which values there are.
 */
@QuarkusTest
class AlarmsFilterTest {

  @Inject PollJob job;
  @Inject TestClock clock;
  @Inject SimulatorBridge runtime;

  /** The environments of the rows of a page, in order. */
  static List<String> environments(String html) {
    Matcher m =
        Pattern.compile("<td data-label=\"Environment\"><a href=\"/environments/(\\w+)\">")
            .matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void filtersInTheUrlKeepWhatTheyName() {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    clock.advance(Duration.ofMinutes(5));
    job.run();

    String all = given().get("/alarms").then().statusCode(200).extract().asString();
    List<String> order = environments(all);
    assertThat(order).hasSizeGreaterThan(60);
    // Within a state, prod first, then staging, then dev.
    assertThat(environments(all.substring(all.indexOf("<tr class=\"state-ok\">"))))
        .isSortedAccordingTo(
            java.util.Comparator.comparingInt(List.of("prod", "staging", "dev")::indexOf));

    String firingProd =
        given()
            .queryParam("environment", "prod")
            .queryParam("state", "ALARM")
            .queryParam("severity", "critical")
            .get("/alarms")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(firingProd).contains("Database CPU above 80 %").contains(" of " + order.size());
    assertThat(environments(firingProd)).isNotEmpty().containsOnly("prod");
    assertThat(firingProd).contains("<option selected>prod</option>");

    String cost = given().queryParam("category", "cost").get("/alarms").asString();
    assertThat(cost).contains("cost-forecast-over-budget").doesNotContain("rds-cpu-high");
    String words = given().queryParam("q", "database CPU").get("/alarms").asString();
    assertThat(environments(words)).hasSize(3);
    String unacked = given().queryParam("acknowledged", "no").get("/alarms").asString();
    assertThat(environments(unacked)).hasSize(order.size());

    JsonPath api = given().get("/api/alarms").jsonPath();
    assertThat(api.getList("category"))
        .hasSize(order.size())
        .containsOnly("health", "cost", "maintenance");
    assertThat(api.getString("find { it.id == 'cost-anomaly' }.category")).isEqualTo("cost");
    assertThat(api.getString("find { it.id == 'maintenance-critical-overdue' }.category"))
        .isEqualTo("maintenance");

    assertThat(
            given()
                .queryParam("state", "FIRING")
                .get("/alarms")
                .then()
                .statusCode(400)
                .extract()
                .asString())
        .contains("No state &quot;FIRING&quot;: use one of OK, ALARM, INSUFFICIENT_DATA.");
    assertThat(
            given()
                .queryParam("environment", "qa")
                .get("/alarms")
                .then()
                .statusCode(400)
                .extract()
                .asString())
        .contains("No environment &quot;qa&quot;: use one of prod, staging, dev.");
  }
}
