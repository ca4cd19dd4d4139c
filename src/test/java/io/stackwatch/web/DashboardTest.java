package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a newcomer sees on the first run: three live environments from the simulator. */
@QuarkusTest
public class DashboardTest {

  @Inject PollJob job;
  @Inject TestClock clock;

  @BeforeEach
  void poll() {
    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();
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
  void environmentPageDrawsTheDashboardsSectionsAsCharts() {
    String html = given().get("/environments/prod").then().statusCode(200).extract().asString();

    assertThat(sectionTitles(html))
        .containsExactly(
            "Traffic and errors",
            "Compute",
            "Database",
            "Cache",
            "Messaging",
            "Edge",
            "Network",
            "Cost");
    assertThat(html)
        .contains(
            "Database CPU",
            "DB free storage",
            "Cache hit ratio",
            "NAT port allocation errors prod-nat-3");
    assertThat(html).contains("AWS/RDS CPUUtilization{DBInstanceIdentifier=prod-db} Average/60s");
    int charts = html.split("<svg class=\"chart\"", -1).length - 1;
    assertThat(charts).as("charts").isGreaterThan(35);
    assertThat(html)
        .containsPattern("<polyline class=\"line s0\" points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+");
    // Every chart has a text alternative: its latest, min and max.
    assertThat(html)
        .containsPattern(
            "<desc id=\"cd-db-cpu\">Database CPU: latest [0-9.]+ %, min [0-9.]+ %, max [0-9.]+ %</desc>");
    // The alarm on database CPU is drawn at its threshold.
    // ... its threshold said once, the rule's title naming it already.
    assertThat(html).contains("alarm: Database CPU above 80 %").doesNotContain("80 % 80 %");
    assertThat(html)
        .contains(
            "https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=prod-db;is-cluster=false");
    assertThat(html).containsPattern("<span class=\"age\">[0-9]+ (s|min) ago</span>");
  }

  @Test
  void theRangeIsChosenByAQueryParameterAndABadOneIsA400Page() {
    String day =
        given().get("/environments/prod?range=24h").then().statusCode(200).extract().asString();
    assertThat(day)
        .contains("<a href=\"/environments/prod?range=24h\" aria-current=\"page\">24h</a>");
    assertThat(day).contains("Database CPU, last 24h");

    given()
        .get("/environments/prod?range=2w")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("No range &quot;2w&quot;: choose 1h, 6h, 24h, 7d, 30d, 90d, 15mo."));
  }

  @Test
  void theLiveFragmentsAreThePagesWithoutTheirFrame() {
    String live =
        given().get("/environments/prod/live?range=1h").then().statusCode(200).extract().asString();
    assertThat(live)
        .doesNotContain("<html", "<head")
        .contains("<svg class=\"chart\"", "Database CPU, last 1h");
    String page = given().get("/environments/prod").then().statusCode(200).extract().asString();
    assertThat(page)
        .contains(
            "data-live=\"/environments/prod/live?range=6h\"", "<script src=\"/live.js\" defer>")
        .containsPattern("<noscript><meta http-equiv=\"refresh\" content=\"302\"></noscript>");

    // Just after the poll the clock has not moved: the next is due in 300 s, asked 2 s later.
    String cards =
        given()
            .get("/overview/live")
            .then()
            .statusCode(200)
            .header("Stackwatch-Refresh-Seconds", "302")
            .extract()
            .asString();
    assertThat(cardNames(cards)).containsExactly("prod", "staging", "dev");
    assertThat(cards).doesNotContain("<html");
  }

  @Test
  void pagesCarryNoInlineScriptNoHandlerAndNoStyleAttribute() {
    for (String path : List.of("/", "/environments/prod", "/environments/dev?range=1h")) {
      String html = given().get(path).then().statusCode(200).extract().asString();
      assertThat(html).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
      assertThat(html).as(path).doesNotContainPattern("\\son[a-z]+=");
      assertThat(html).as(path).doesNotContainPattern("\\sstyle=");
    }
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

  static List<String> sectionTitles(String html) {
    return Pattern.compile("<h2 id=\"h-[a-z-]+\">([^<]*)</h2>")
        .matcher(html)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  public static List<String> values(String html, String label) {
    Matcher m =
        Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>([^<]*)</dd>").matcher(html);
    return m.results().map(r -> r.group(1)).toList();
  }
}
