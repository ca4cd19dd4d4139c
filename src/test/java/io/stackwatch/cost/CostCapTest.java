package io.stackwatch.cost;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.CostJob;
import io.stackwatch.simulator.AwsSimulator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daily cap of Cost Explorer requests counts HTTP requests as AWS bills them, retries included,
 * and sends none past it: the SDK's retries stop where the cap does.
 */
@QuarkusTest
@TestProfile(CostCapTest.CapOfEight.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CostCapTest {

  /** The default cap of 8 and the default 3 attempts a call, in an application of its own. */
  public static class CapOfEight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.cost.max-requests-per-day", "8", "stackwatch.aws.max-attempts", "3");
    }
  }

  @Inject CostCollector collector;
  @Inject CostJob costJob;
  @Inject CostStore log;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  AwsSimulator sim() {
    return runtime.simulator();
  }

  @AfterEach
  void clearFaults() {
    sim().faults().clear();
  }

  @Test
  @Order(1)
  void retriedRequestsCountAgainstTheCap() {
    sim().calls().clear();
    // Every month in one page, so what is counted here is attempts, not pages.
    sim().costExplorer().pageSize(10_000);
    // Last month's first page fails once; prod's forecast twice; the SDK retries both to success.
    sim().faults().serverError("ce", "GetCostAndUsage").times(1);
    sim().faults().serverError("ce", "GetCostForecast").times(2);

    CostCollector.Refresh refresh = collector.refresh();

    assertThat(refresh.failures()).isEmpty();
    // Last month took two requests, this month one, prod's forecast three: 8 with staging's and
    // dev's, the cap.
    assertThat(refresh.asked())
        .containsExactly(
            "month:2026-10", "month:2026-11", "forecast prod", "forecast staging", "forecast dev");
    assertThat(sim().calls().count("ce", "GetCostForecast")).isEqualTo(5);
    assertThat(ceRequests()).isEqualTo(8);
    assertThat(log.requestsSince(today())).isEqualTo(8);
    assertThat(refresh.requestsLeftToday()).isZero();
  }

  @Test
  @Order(2)
  void noRetryIsSentPastTheCap() {
    clock.advance(Duration.ofDays(1));
    sim().calls().clear();
    sim().faults().serverError("ce", null);

    CostCollector.Refresh refresh = collector.refresh();

    // This month: 3 attempts; prod's forecast: 3; staging's: the 2 left; dev's: none.
    assertThat(ceRequests()).isEqualTo(8);
    assertThat(log.requestsSince(today())).isEqualTo(8);
    assertThat(refresh.requestsLeftToday()).isZero();
    assertThat(refresh.asked()).isEmpty();
    assertThat(refresh.failures())
        .hasSize(3)
        .allSatisfy(f -> assertThat(f).doesNotContainPattern("\\bnull\\b"))
        .anySatisfy(
            f ->
                assertThat(f)
                    .startsWith("forecast staging: ")
                    .contains("stackwatch.cost.max-requests-per-day"));
  }

  /**
   * A proxy's HTML 502, retried within the cap: what reads on /api/cost and /cost is its status,
   * the operation and the page's title, never "null".
   */
  @Test
  @Order(3)
  void aProxysPageReadsAsItsTitle() {
    clock.advance(Duration.ofDays(1));
    sim().calls().clear();
    sim().faults().proxyError("ce", "GetCostAndUsage");

    CostCollector.Refresh refresh = costJob.refresh(); // refreshes, then publishes

    assertThat(refresh.failures())
        .contains("month:2026-11: HTTP 502 from CostExplorer GetCostAndUsage: 502 Bad Gateway");
    assertThat(sim().calls().count("ce", "GetCostAndUsage")).isEqualTo(3);
    assertThat(given().get("/api/cost").jsonPath().getString("error"))
        .isEqualTo("month:2026-11: HTTP 502 from CostExplorer GetCostAndUsage: 502 Bad Gateway");
    assertThat(given().get("/cost").then().statusCode(200).extract().asString())
        .contains("HTTP 502 from CostExplorer GetCostAndUsage: 502 Bad Gateway")
        .doesNotContainPattern("\\bnull\\b");
  }

  private long ceRequests() {
    return sim().calls().all().stream().filter(c -> c.service().equals("ce")).count();
  }

  private Instant today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }
}
