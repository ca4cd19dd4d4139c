package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/environments/{name}/series/{id}}: a series' history over a range or a window. */
@QuarkusTest
class SeriesHistoryApiTest {

  @Inject PollJob job;
  @Inject TestClock clock;

  @BeforeEach
  void poll() {
    clock.advance(Duration.ofMinutes(5));
    job.run();
  }

  @Test
  void anHourIsOneMinutePointsWithTheUnitAndStatistic() {
    JsonPath hour =
        given()
            .get("/api/environments/prod/series/api.latency_p99?range=1h")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(hour.getString("tier")).isEqualTo("1m");
    assertThat(hour.getInt("step")).isEqualTo(60);
    assertThat(hour.getString("unit")).isEqualTo("milliseconds");
    assertThat(hour.getString("statistic")).isEqualTo("p99");
    assertThat(hour.getString("title")).isEqualTo("API p99 latency");
    List<List<Number>> points = hour.getList("points");
    assertThat(points).hasSizeBetween(55, 61);
    long now = clock.instant().getEpochSecond();
    assertThat(points.get(points.size() - 1).get(0).longValue()).isBetween(now - 180, now);
  }

  @Test
  void neverMoreThanTwoPointsAPixel() {
    JsonPath narrow =
        given()
            .get("/api/environments/prod/series/rds.cpu?range=6h&width=60")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // 6 hours of minutes are 360 points; 60 pixels take 120: 5-minute points.
    assertThat(narrow.getString("tier")).isEqualTo("5m");
    assertThat(narrow.getList("points").size()).isLessThanOrEqualTo(120);
  }

  @Test
  void badInputIsA400SayingWhatIsWrong() {
    String base = "/api/environments/prod/series/rds.cpu";
    given()
        .get(base + "?range=2w")
        .then()
        .statusCode(400)
        .body("error", equalTo("No range \"2w\": choose 1h, 6h, 24h, 7d, 30d, 90d, 15mo."));
    given()
        .get(base + "?from=yesterday")
        .then()
        .statusCode(400)
        .body(
            "error",
            equalTo(
                "No time \"yesterday\" for from: write ISO 8601, such as 2026-11-26T12:00:00Z or"
                    + " 2026-11-26."));
    given()
        .get(base + "?from=2026-11-26T12:00:00Z&to=2026-11-25T12:00:00Z")
        .then()
        .statusCode(400)
        .body(
            "error",
            equalTo(
                "No window from 2026-11-26T12:00:00Z to 2026-11-25T12:00:00Z: from must be"
                    + " earlier."));
    given()
        .get(base + "?from=2020-01-01&to=2026-01-01")
        .then()
        .statusCode(400)
        .body("error", equalTo("No window longer than 15 months: history is kept for 455 days."));
    given()
        .get(base + "?range=7d&from=2026-11-20")
        .then()
        .statusCode(400)
        .body(
            "error",
            equalTo("No range together with from/to: ask either range=7d or from=...&to=...."));
    given()
        .get(base + "?width=0")
        .then()
        .statusCode(400)
        .body("error", equalTo("No width \"0\": give the chart's width in pixels, 50 to 4000."));
    given().get("/api/environments/prod/series/no.such").then().statusCode(404);
    // An absolute window reads as written, offsets and dates included.
    given()
        .queryParam("from", "2026-11-26T13:00:00+01:00")
        .queryParam("to", "2026-11-27")
        .get(base)
        .then()
        .statusCode(200)
        .body("from", equalTo("2026-11-26T12:00:00Z"))
        .body("to", equalTo("2026-11-27T00:00:00Z"));
  }
}
