package io.stackwatch.alarm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The simulator's scenarios drive the shipped alarms through the whole pipeline: real SDK poll,
 * store, evaluation, database, pages, JSON and Prometheus.
 */
@QuarkusTest
@TestProfile(AlarmScenarioTest.EveryMinute.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlarmScenarioTest {

  /** A poll a minute, so each test minute brings one new datapoint. */
  public static class EveryMinute implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.poll.interval", "1m");
    }
  }

  @Inject PollJob job;
  @Inject SimulatorBridge runtime;
  @Inject AlarmEngine alarms;
  @Inject TestClock clock;

  List<Transition> minute(String alarmKey) {
    clock.advance(Duration.ofMinutes(1));
    PollJob.Outcome outcome = job.run();
    assertThat(outcome.poll().failures()).isEmpty();
    return outcome.transitions().stream().filter(t -> t.alarmKey().equals(alarmKey)).toList();
  }

  AlarmState state(String key) {
    return alarms.status(key).orElseThrow().state();
  }

  @Test
  @Order(1)
  void healthyStackHasNoFiringAlarm() {
    minute("none");
    minute("none");

    assertThat(alarms.statuses()).isNotEmpty().noneMatch(s -> s.state() == AlarmState.ALARM);
    assertThat(state("prod/rds-cpu-high")).isEqualTo(AlarmState.OK);
    String html = given().get("/").then().statusCode(200).extract().asString();
    assertThat(html).doesNotContain("health-alarm");
  }

  @Test
  @Order(2)
  void prodCpuSpikeFiresAtTheThirdBreachingPointAndRecovers() {
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);
    List<Transition> all = new java.util.ArrayList<>();

    all.addAll(minute("prod/rds-cpu-high"));
    all.addAll(minute("prod/rds-cpu-high"));
    assertThat(all).isEmpty();
    assertThat(state("prod/rds-cpu-high")).isEqualTo(AlarmState.OK);
    all.addAll(minute("prod/rds-cpu-high"));
    assertThat(all).extracting(Transition::to).containsExactly(AlarmState.ALARM);
    assertThat(state("staging/rds-cpu-high")).isEqualTo(AlarmState.OK);

    // What an operator sees while it fires.
    String overview = given().get("/").then().statusCode(200).extract().asString();
    assertThat(overview)
        .contains("health-alarm\" aria-labelledby=\"env-prod\"")
        .contains("1 firing: Database CPU above 80 %");
    String prod = given().get("/environments/prod").then().statusCode(200).extract().asString();
    int firingNow = prod.indexOf("<caption>Firing now</caption>");
    assertThat(prod.indexOf("Database CPU above 80 %", firingNow))
        .as("firing alarm listed before the charts")
        .isGreaterThan(firingNow)
        .isLessThan(prod.indexOf("<section class=\"dash-section\""))
        .isLessThan(prod.indexOf("Database free storage below"));
    given()
        .get("/alarms")
        .then()
        .statusCode(200)
        .body(containsString("Threshold Crossed: 3 out of the last 3 datapoints"))
        .body(containsString("Performance Insights"));
    given()
        .get("/alarms/prod/rds-cpu-high")
        .then()
        .statusCode(200)
        .body(containsString("OK</td><td data-label=\"To\"><span class=\"state alarm\">ALARM"));
    JsonPath api = given().get("/api/alarms").then().statusCode(200).extract().jsonPath();
    assertThat(api.getString("[0].id")).isEqualTo("rds-cpu-high");
    assertThat(api.getString("[0].environment")).isEqualTo("prod");
    assertThat(api.getString("[0].state")).isEqualTo("ALARM");
    assertThat(given().get("/q/metrics").asString())
        .contains(
            "stackwatch_alarm_state{environment=\"prod\",alarm=\"rds-cpu-high\",severity=\"critical\"} 1.0")
        .contains(
            "stackwatch_alarm_transitions_total{environment=\"prod\",alarm=\"rds-cpu-high\",severity=\"critical\"}");

    // The spike lasts ten minutes; the first healthy minute after it brings the alarm back.
    for (int i = 0; i < 10; i++) {
      all.addAll(minute("prod/rds-cpu-high"));
    }
    assertThat(all)
        .extracting(Transition::from, Transition::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlarmState.OK, AlarmState.ALARM),
            org.assertj.core.groups.Tuple.tuple(AlarmState.ALARM, AlarmState.OK));
    assertThat(alarms.history("prod/rds-cpu-high", 10)).hasSize(3);
  }

  @Test
  @Order(3)
  void growingEvictionsInStagingFireAndFlatOnesDoNot() {
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("evictions-growing", "staging", start);

    for (int i = 0; i < 7; i++) {
      minute("none");
    }

    assertThat(state("staging/cache-evictions-increasing:staging-redis-001"))
        .isEqualTo(AlarmState.ALARM);
    assertThat(state("staging/cache-evictions-increasing:staging-redis-002"))
        .isEqualTo(AlarmState.ALARM);
    assertThat(state("prod/cache-evictions-increasing:prod-redis-001")).isEqualTo(AlarmState.OK);
    assertThat(state("dev/cache-evictions-increasing")).isEqualTo(AlarmState.OK);
  }

  @Test
  @Order(4)
  void a5xxBurstInStagingAndAFillingDlqInDevFire() {
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
    runtime.simulator().cloudWatch().scenarios().play("5xx-burst", "staging", start);
    runtime.simulator().cloudWatch().scenarios().play("dlq-filling", "dev", start);

    for (int i = 0; i < 3; i++) {
      minute("none");
    }

    assertThat(state("staging/api-5xx-high")).isEqualTo(AlarmState.ALARM);
    assertThat(state("prod/api-5xx-high")).isEqualTo(AlarmState.OK);
    assertThat(state("dev/sqs-dlq-not-empty:dev-processing-dlq")).isEqualTo(AlarmState.ALARM);
    assertThat(state("staging/sqs-dlq-not-empty:staging-processing-dlq")).isEqualTo(AlarmState.OK);
  }

  @Test
  @Order(5)
  void unknownAlarmsAndEnvironmentsAre404() {
    given()
        .get("/alarms/prod/no-such-alarm")
        .then()
        .statusCode(404)
        .body(containsString("No alarm"));
    given()
        .get("/api/alarms/nope/rds-cpu-high/history")
        .then()
        .statusCode(404)
        .contentType(containsString("json"))
        .body(containsString("No alarm"));
    given()
        .get("/api/environments/nope")
        .then()
        .statusCode(404)
        .body(containsString("No environment"));
  }
}
