package io.stackwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmInstance;
import io.stackwatch.alarm.AlarmRule;
import io.stackwatch.alarm.AlarmSource;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Comparison;
import io.stackwatch.alarm.MissingData;
import io.stackwatch.alarm.Severity;
import io.stackwatch.alarm.Threshold;
import io.stackwatch.alarm.Transition;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.outbox.Topic.Purpose;
import io.stackwatch.notify.routing.RouteLoader;
import io.stackwatch.notify.routing.Routes;
import io.stackwatch.series.Series;
import io.stackwatch.series.Unit;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.store.Database;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Alert summaries through a routing tree, on an H2 file: each alarm goes to the topic and format of
 * the routes it takes, each route keeping its own groups with its own timings; the groups are
 * stored per route, so a restart resumes them; an alarm is resolved where it was told; and the
 * firing alarms of a route taken out of the tree go to the routes that take them now.
 */
@Tag("plain")
class RoutedNotificationsTest {

  static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");
  static final String PROD_NOTIFICATIONS = SnsHandler.arn("us-east-1", "prod-notifications");

  static final String TREE =
      """
      route:
        topic: alerts
        routes:
          - match: {category: cost}
            topic: notifications
            format: chatbot
          - match: {severity: critical}
            group-wait: 10s
            continue: true
          - match-re: {alarm: "rds-.*"}
      """;

  final TestClock clock = new TestClock();
  final String url = TestDatabases.fresh("h2");
  final Database database = new Database(url, null, null, 2);
  final Outbox outbox = new Outbox(database);
  final NotifyTopics topics =
      new NotifyTopics(
          List.of(
              new Topic("prod", Purpose.ALERTS, PROD_ALERTS, TopicFormat.TEXT),
              new Topic("prod", Purpose.NOTIFICATIONS, PROD_NOTIFICATIONS, TopicFormat.TEXT)));

  /** The alarms' statuses, by key: what tells a route an alarm's category. */
  final Map<String, AlarmStatus> statuses = new HashMap<>();

  @AfterEach
  void close() {
    database.close();
  }

  AlertNotifications start(String tree) {
    Routes routes =
        Routes.of(
            RouteLoader.loadData(
                new DataFile("alarms/routes.yaml", "routes.yaml", tree), List.of("prod")),
            GroupTimings.DEFAULTS);
    return new AlertNotifications(
        routes,
        new AlertGroupStore(database),
        topics,
        new AlertSummaryFormatter("https://stackwatch.example.com"),
        key -> Optional.ofNullable(statuses.get(key)),
        clock);
  }

  /** An alarm of prod with its category, known to the statuses. */
  Transition change(String id, Severity severity, Category category, AlarmState to) {
    AlarmRule rule =
        new AlarmRule(
            id,
            "Alarm " + id,
            severity,
            new AlarmSource.SeriesRef("s"),
            Comparison.GREATER_THAN,
            Optional.of(new Threshold.Absolute(1)),
            1,
            1,
            MissingData.MISSING,
            "Look.",
            Map.of(),
            Optional.of(category));
    AlarmInstance instance =
        new AlarmInstance(
            id,
            "prod",
            rule,
            new Series("s", "prod", "S", Unit.COUNT, Optional.empty(), Duration.ZERO),
            60,
            Optional.of(1.0));
    statuses.put(
        "prod/" + id, new AlarmStatus(instance, to, clock.instant(), Optional.of(2.0), "because"));
    return new Transition(
        "prod/" + id,
        "prod",
        id,
        "Alarm " + id,
        severity,
        to == AlarmState.ALARM ? AlarmState.OK : AlarmState.ALARM,
        to,
        clock.instant(),
        Optional.of(2.0),
        "because");
  }

  /** The messages written since the last call, as {@code topic format: subject}. */
  int seen = 0;

  List<String> written() {
    List<OutboxMessage> all = outbox.pending();
    List<String> out =
        all.subList(seen, all.size()).stream()
            .map(
                m ->
                    m.topicArn().substring(m.topicArn().lastIndexOf(':') + 1)
                        + " "
                        + m.format()
                        + ": "
                        + m.subject())
            .toList();
    seen = all.size();
    return out;
  }

  void after(Duration d, AlertNotifications n) {
    clock.advance(d);
    n.flush(Map.of());
  }

  @Test
  void eachAlarmGoesWhereItsRoutesSendItWithTheirTimings() {
    AlertNotifications n = start(TREE);
    n.observe(
        List.of(
            change("cost-forecast-over-budget", Severity.CRITICAL, Category.COST, AlarmState.ALARM),
            change("api-5xx-high", Severity.CRITICAL, Category.HEALTH, AlarmState.ALARM),
            change("rds-cpu-high", Severity.WARNING, Category.HEALTH, AlarmState.ALARM),
            change("alb-unhealthy-hosts", Severity.WARNING, Category.HEALTH, AlarmState.ALARM)));

    after(Duration.ofSeconds(10), n);
    assertThat(written())
        .as("the critical route waits 10 s")
        .containsExactly("prod-alerts TEXT: [prod] 1 firing: Alarm api-5xx-high");
    after(Duration.ofSeconds(20), n);
    assertThat(written())
        .as("the others wait 30 s")
        .containsExactlyInAnyOrder(
            "prod-notifications CHATBOT: [prod] 1 firing: Alarm cost-forecast-over-budget",
            "prod-alerts TEXT: [prod] 1 firing: Alarm rds-cpu-high",
            "prod-alerts TEXT: [prod] 1 firing: Alarm alb-unhealthy-hosts");
  }

  @Test
  void continueSendsByEveryRouteThatMatchesAndEachResolvesWhereItTold() {
    AlertNotifications n = start(TREE);
    n.observe(
        List.of(change("rds-cpu-high", Severity.CRITICAL, Category.HEALTH, AlarmState.ALARM)));
    after(Duration.ofSeconds(30), n);
    assertThat(written())
        .containsExactly(
            "prod-alerts TEXT: [prod] 1 firing: Alarm rds-cpu-high",
            "prod-alerts TEXT: [prod] 1 firing: Alarm rds-cpu-high");

    // A restart: the groups of both routes come back from the store.
    AlertNotifications again = start(TREE);
    clock.advance(Duration.ofMinutes(5));
    // Its severity lowered meanwhile: it no longer takes the critical route, yet is resolved there.
    again.observe(
        List.of(change("rds-cpu-high", Severity.WARNING, Category.HEALTH, AlarmState.OK)));
    after(Duration.ofSeconds(30), again);
    assertThat(written())
        .containsExactly(
            "prod-alerts TEXT: [prod] 1 resolved: Alarm rds-cpu-high",
            "prod-alerts TEXT: [prod] 1 resolved: Alarm rds-cpu-high");
    assertThat(again.groups()).isEmpty();
  }

  @Test
  void theFiringAlarmsOfARouteTakenOutGoToTheRoutesThatTakeThemNow() {
    AlertNotifications n = start(TREE);
    n.observe(
        List.of(
            change(
                "cost-forecast-over-budget", Severity.CRITICAL, Category.COST, AlarmState.ALARM)));
    after(Duration.ofSeconds(30), n);
    assertThat(written())
        .containsExactly(
            "prod-notifications CHATBOT: [prod] 1 firing: Alarm cost-forecast-over-budget");

    // Restarted with the shipped tree: the root alone.
    AlertNotifications root = start("route:\n  topic: alerts\n");
    after(Duration.ofSeconds(30), root);
    assertThat(written())
        .as("news to the alerts topic, which never heard of it")
        .containsExactly("prod-alerts TEXT: [prod] 1 firing: Alarm cost-forecast-over-budget");
    assertThat(new AlertGroupStore(database).loadAll()).containsOnlyKeys("{}");

    clock.advance(Duration.ofMinutes(10));
    root.observe(
        List.of(
            change("cost-forecast-over-budget", Severity.CRITICAL, Category.COST, AlarmState.OK)));
    after(Duration.ofSeconds(30), root);
    assertThat(written())
        .containsExactly("prod-alerts TEXT: [prod] 1 resolved: Alarm cost-forecast-over-budget");
  }
}
