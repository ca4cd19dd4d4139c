package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A panel added to a dashboard file is on the page, and its series collected, with no Java. */
@QuarkusTest
@TestProfile(AddedPanelTest.AddedDashboards.class)
class AddedPanelTest {

  /** Dashboards with a panel a team added. */
  public static class AddedDashboards implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.config-directory", "src/test/resources/config/added");
    }
  }

  @Inject PollJob job;
  @Inject SeriesPlans plans;
  @Inject TestClock clock;

  @Test
  void theAddedPanelIsDrawnWhereItAppliesAndItsSeriesAreCollected() {
    clock.advance(Duration.ofMinutes(5));
    assertThat(job.run().poll().failures()).isEmpty();

    String prod = given().get("/environments/prod").then().statusCode(200).extract().asString();
    assertThat(prod)
        .contains("<h2 id=\"h-team\">Added by the team</h2>")
        .contains("<h3 id=\"t-nat-bytes-total\">NAT bytes out, all gateways</h3>")
        .containsPattern(
            "<desc id=\"cd-nat-bytes-total\">NAT bytes out, all gateways: latest [0-9.]+ [KMG]?B,")
        .contains("sum(nat.*.bytes_out)");
    String dev = given().get("/environments/dev").then().statusCode(200).extract().asString();
    assertThat(dev).doesNotContain("nat-bytes-total").contains("<h3 id=\"t-db-cpu\">");

    // Read by no alarm, so fetched at the slow refresh; only where the panel applies.
    assertThat(plans.of("prod").orElseThrow().find("nat.prod-nat-2.bytes_out"))
        .map(Series::refresh)
        .contains(Duration.ofMinutes(15));
    assertThat(plans.of("dev").orElseThrow().find("nat.dev-nat-1.bytes_out")).isEmpty();
    // Series neither alarms nor these dashboards read are not collected at all.
    assertThat(plans.of("prod").orElseThrow().find("rds.read_iops")).isEmpty();
  }
}
