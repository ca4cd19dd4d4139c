package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a newcomer sees on the first run: three live environments from the simulator. */
@QuarkusTest
class DashboardTest {

  @Inject CloudWatchCollector collector;
  @Inject TestClock clock;

  @BeforeEach
  void poll() {
    clock.advance(Duration.ofMinutes(5));
    assertThat(collector.poll().failures()).isEmpty();
  }

  @Test
  void overviewShowsProdStagingAndDevWithNumbers() {
    String html = given().get("/").then().statusCode(200).extract().asString();

    assertThat(cardNames(html)).containsExactly("prod", "staging", "dev");
    List<String> cpu = values(html, "DB CPU");
    assertThat(cpu).hasSize(3).allMatch(v -> v.matches("\\d+(\\.\\d+)? %"), "a percentage");
    assertThat(values(html, "Cache hit ratio"))
        .hasSize(3)
        .allMatch(v -> v.matches("\\d+(\\.\\d+)? %"), "a percentage");
    assertThat(values(html, "API p99 latency")).allMatch(v -> v.endsWith("ms") || v.endsWith(" s"));
    assertThat(values(html, "DLQ depth")).containsOnly("0");
    assertThat(html).doesNotContain("stale-badge").contains("s ago");
  }

  @Test
  void environmentPageListsEverySeriesWithASparkline() {
    String html = given().get("/environments/prod").then().statusCode(200).extract().asString();

    assertThat(html)
        .contains(
            "Database CPU",
            "DB free storage",
            "Cache hit ratio",
            "NAT port allocation errors prod-nat-3");
    assertThat(html).contains("AWS/RDS CPUUtilization{DBInstanceIdentifier=prod-db} Average/60s");
    int charts = html.split("<svg class=\"spark\"", -1).length - 1;
    assertThat(charts).as("sparklines").isGreaterThan(60);
    assertThat(html).containsPattern("<polyline points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+");
  }

  @Test
  void devHasNoCloudFront() {
    given()
        .get("/environments/dev")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.not(containsString("CloudFront 5xx rate")));
    given()
        .get("/environments/prod")
        .then()
        .statusCode(200)
        .body(containsString("CloudFront 5xx rate"));
  }

  @Test
  void anUnknownEnvironmentIsA404Page() {
    given()
        .get("/environments/nope")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("No environment named nope."));
    given()
        .get("/no/such/page")
        .then()
        .statusCode(404)
        .body(containsString("Back to the overview"));
  }

  @Test
  void readyOncePolled() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(containsString("\"prod\": \"fresh\""));
  }

  static List<String> cardNames(String html) {
    return Pattern.compile("<h2 id=\"env-([a-z]+)\">")
        .matcher(html)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  static List<String> values(String html, String label) {
    Matcher m =
        Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>([^<]*)</dd>").matcher(html);
    return m.results().map(r -> r.group(1)).toList();
  }
}
