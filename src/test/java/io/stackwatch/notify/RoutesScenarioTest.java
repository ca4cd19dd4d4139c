package io.stackwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.notify.routing.Route;
import io.stackwatch.poll.CostJob;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
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
 * The acceptance for routes, through the whole application: with a route sending {@code
 * category: cost} to the notifications topic ({@code config/routes/alarms/routes.yaml}), the
 * over-budget scenario's summary is published to dev's notifications topic and nothing to its
 * alerts topic, while a health alarm of the same environment still goes to alerts. Published
 * messages are read from the simulator's SNS.
 */
@QuarkusTest
@TestProfile(RoutesScenarioTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutesScenarioTest {

  /** The routes of the test's configuration directory, Cost Explorer asked at will. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.config-directory", "src/test/resources/config/routes",
          "stackwatch.cost.refresh", "1m",
          "stackwatch.cost.forecast-refresh", "1m",
          "stackwatch.cost.max-requests-per-day", "1000");
    }
  }

  static final String DEV_ALERTS = SnsHandler.arn("us-east-1", "dev-alerts");
  static final String DEV_NOTIFICATIONS = SnsHandler.arn("us-east-1", "dev-notifications");

  @Inject PollJob job;
  @Inject NotifyJob notifier;
  @Inject CostJob costJob;
  @Inject AlarmEngine alarms;
  @Inject AlertNotifications notifications;
  @Inject SimulatorBridge runtime;
  @Inject TestClock clock;

  AwsSimulator sim() {
    return runtime.simulator();
  }

  /** The next poll, on the 5-minute grid, then the notifier's tick after the group wait. */
  void pollAndTick() {
    long now = clock.instant().getEpochSecond();
    clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
    assertThat(job.run().poll().failures()).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    notifier.tick();
  }

  /** What a topic received, digests left out: the alert summaries. */
  List<PublishedMessage> summaries(String topic) {
    return sim().sns().published(topic).stream()
        .filter(m -> !"digest".equals(m.attribute("event")))
        .toList();
  }

  @Test
  @Order(1)
  void theTreeOfTheConfigurationDirectoryIsInForce() {
    assertThat(notifications.routes().all())
        .extracting(Route::describe)
        .containsExactly("every other alarm to alerts", "{category=\"cost\"} to notifications");
    assertThat(sim().sns().topics()).contains(DEV_ALERTS, DEV_NOTIFICATIONS);
  }

  @Test
  @Order(2)
  void theOverBudgetSummaryGoesToNotificationsAndNothingToAlerts() {
    pollAndTick();
    assertThat(summaries(DEV_ALERTS)).as("a quiet dev sends nothing").isEmpty();
    sim().costExplorer().scenarios().overBudget("dev", 2.0);
    assertThat(costJob.refresh().failures()).isEmpty();

    pollAndTick();

    assertThat(alarms.status("dev/cost-forecast-over-budget").orElseThrow().state())
        .isEqualTo(AlarmState.ALARM);
    assertThat(summaries(DEV_NOTIFICATIONS))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject())
                  .isEqualTo("[dev] 1 firing: Month's cost forecast above budget");
              assertThat(m.attribute("event")).isEqualTo("firing");
              assertThat(m.attribute("severity")).isEqualTo("critical");
              assertThat(m.message())
                  .startsWith("dev: 1 firing\n\nFIRING\n\n[critical] Month's cost forecast above")
                  .contains("/alarms/dev/cost-forecast-over-budget");
            });
    assertThat(sim().sns().published(DEV_ALERTS)).as("nothing to alerts").isEmpty();

    // Ten more polls: the cost alarm keeps firing, told once, still nowhere else.
    for (int i = 0; i < 10; i++) {
      pollAndTick();
    }
    assertThat(summaries(DEV_NOTIFICATIONS)).hasSize(1);
    assertThat(sim().sns().published(DEV_ALERTS)).isEmpty();
  }

  @Test
  @Order(3)
  void aHealthAlarmOfTheSameEnvironmentStillGoesToAlerts() {
    // dev's database alarm wants 5 breaching minutes of 5: the spike began 5 minutes ago.
    Instant start = Instant.ofEpochSecond(clock.instant().getEpochSecond() / 60 * 60 - 300);
    sim().cloudWatch().scenarios().play("cpu-spike", "dev", start);
    try {
      for (int i = 0;
          i < 3 && alarms.status("dev/rds-cpu-high").orElseThrow().state() != AlarmState.ALARM;
          i++) {
        pollAndTick();
      }
    } finally {
      sim().cloudWatch().scenarios().stop("cpu-spike", "dev");
    }

    assertThat(alarms.status("dev/rds-cpu-high").orElseThrow().state()).isEqualTo(AlarmState.ALARM);
    assertThat(summaries(DEV_ALERTS))
        .singleElement()
        .satisfies(
            m -> assertThat(m.subject()).isEqualTo("[dev] 1 firing: Database CPU above 80 %"));
    assertThat(summaries(DEV_NOTIFICATIONS))
        .as("the cost route's group did not change: nothing new there")
        .hasSize(1);
  }
}
