package io.stackwatch.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Transition;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.simulator.SnsHandler;
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
 * The acceptance for silences through the whole application: a silence on prod's {@code
 * rds-cpu-high} made by the API before the CPU-spike scenario; the alarm goes to ALARM and shows
 * silenced (pages, JSON, {@code /q/metrics}) and no SNS message tells of it; the silence ends while
 * the spike still fires, and exactly one firing summary goes out then. Then the same with the
 * silence expired early by an operator.
 */
@QuarkusTest
@TestProfile(SilenceScenarioTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SilenceScenarioTest {

  /** An application of its own: its silences and alarms touch no other test's. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.notify.base-url", "https://stackwatch.example.com");
    }
  }

  static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");

  @Inject PollJob job;
  @Inject NotifyJob notifier;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  /** The next poll, on the 5-minute grid 5 s past the minute; its transitions of the CPU alarm. */
  List<Transition> poll() {
    long now = clock.instant().getEpochSecond();
    clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
    PollJob.Outcome outcome = job.run();
    assertThat(outcome.poll().failures()).isEmpty();
    return outcome.transitions().stream()
        .filter(t -> t.alarmKey().equals("prod/rds-cpu-high"))
        .toList();
  }

  /** The notifier's tick 30 s on: any group wait begun 30 s ago has passed. */
  void tickAfterGroupWait() {
    clock.advance(Duration.ofSeconds(30));
    notifier.tick();
  }

  /** The prod alert messages that tell of the CPU alarm. */
  List<PublishedMessage> cpuMessages() {
    return runtime.simulator().sns().published(PROD_ALERTS).stream()
        .filter(m -> m.message().contains("Database CPU above 80 %"))
        .toList();
  }

  List<PublishedMessage> cpuFiring() {
    return cpuMessages().stream().filter(m -> "firing".equals(m.attribute("event"))).toList();
  }

  Instant thisMinute() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60);
  }

  /** Makes a silence of the CPU alarm by the API; its id. */
  String silence(String until) {
    return given()
        .contentType("application/json")
        .body(
            """
            {"matchers": [{"name": "environment", "op": "=", "value": "prod"},
                          {"name": "alarm", "value": "rds-cpu-high"}],
             "endsAt": "%s", "comment": "database upgrade"}
            """
                .formatted(until))
        .post("/api/silences")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("id");
  }

  /** The CPU alarm's two series on /q/metrics, as Prometheus reads them. */
  static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  @Test
  @Order(1)
  void aSilencedAlarmFiresUnseenAndIsToldOnceWhenItsSilenceEndsWhileItStillFires() {
    poll();
    tickAfterGroupWait();
    assertThat(cpuMessages()).isEmpty();

    Instant start = thisMinute();
    // The spike lasts ten minutes; the silence ends seven minutes in, while it still fires.
    Instant ends = start.plus(Duration.ofMinutes(7));
    String id = silence(ends.toString());
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);

    assertThat(poll()).extracting(Transition::to).containsExactly(AlarmState.ALARM);
    tickAfterGroupWait();
    tickAfterGroupWait();

    // Shown, marked silenced, with the silence.
    JsonPath alarm = given().get("/api/alarms/prod/rds-cpu-high").jsonPath();
    assertThat(alarm.getString("state")).isEqualTo("ALARM");
    assertThat(alarm.getList("silencedBy")).containsExactly(id);
    assertThat(given().get("/alarms/prod/rds-cpu-high").asString())
        .contains("Silenced until")
        .contains("/silences#silence-" + id);
    assertThat(given().queryParam("silenced", "yes").get("/alarms").asString())
        .contains("Database CPU above 80 %")
        .contains("silenced until ");
    assertThat(given().get("/environments/prod").asString()).contains("silenced until ");
    // /q/metrics hides nothing: the state is ALARM, and the silence is a series of its own.
    String labels = "{environment=\"prod\",alarm=\"rds-cpu-high\",severity=\"critical\"}";
    assertThat(metrics())
        .contains("stackwatch_alarm_state" + labels + " 1.0")
        .contains("stackwatch_alarm_silenced" + labels + " 1.0");
    assertThat(cpuMessages()).as("no SNS message while silenced").isEmpty();

    // The silence ends on its own, by the time; the spike still fires.
    clock.advance(Duration.between(clock.instant(), ends));
    notifier.tick();
    assertThat(cpuMessages()).as("within the group wait from the silence's end").isEmpty();
    tickAfterGroupWait();
    assertThat(cpuFiring()).hasSize(1);
    assertThat(cpuFiring().get(0).subject()).contains("Database CPU above 80 %");
    assertThat(metrics()).contains("stackwatch_alarm_silenced" + labels + " 0.0");
    assertThat(given().get("/api/silences/" + id).jsonPath().getString("state"))
        .isEqualTo("expired");

    // Still firing at the next poll: nothing more; then its recovery is told, as any alarm's.
    assertThat(poll()).isEmpty();
    tickAfterGroupWait();
    tickAfterGroupWait();
    assertThat(cpuMessages()).hasSize(1);
    assertThat(poll()).extracting(Transition::to).containsExactly(AlarmState.OK);
    tickAfterGroupWait();
    assertThat(cpuFiring()).as("exactly one firing summary").hasSize(1);
    assertThat(cpuMessages())
        .extracting(m -> m.attribute("event"))
        .containsExactly("firing", "resolved");
  }

  @Test
  @Order(2)
  void aSilenceExpiredEarlyByAnOperatorLetsTheStillFiringAlarmBeToldOnce() {
    int before = cpuMessages().size();
    int firingBefore = cpuFiring().size();
    Instant start = thisMinute();
    String id = silence(start.plus(Duration.ofHours(2)).toString());
    runtime.simulator().cloudWatch().scenarios().play("cpu-spike", "prod", start);

    assertThat(poll()).extracting(Transition::to).containsExactly(AlarmState.ALARM);
    tickAfterGroupWait();
    assertThat(cpuMessages()).hasSize(before);

    given().delete("/api/silences/" + id).then().statusCode(200);
    tickAfterGroupWait();
    tickAfterGroupWait();
    assertThat(cpuFiring()).hasSize(firingBefore + 1);
    assertThat(cpuMessages()).hasSize(before + 1);
    tickAfterGroupWait();
    assertThat(cpuMessages()).hasSize(before + 1);
  }
}
