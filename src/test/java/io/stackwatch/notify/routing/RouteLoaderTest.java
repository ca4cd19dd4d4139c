package io.stackwatch.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.alarm.Severity;
import io.stackwatch.datafile.DataFile;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code alarms/routes.yaml} as the rule files are read: the shipped tree is the root alone
 * (today's behaviour), a tree is read with what each route inherits, and every problem of a broken
 * file is named by file, line, route and field.
 */
@Tag("plain")
class RouteLoaderTest {

  static final String OK = "src/test/resources/routes/ok/";
  static final String BAD = "src/test/resources/routes/bad/";
  static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");

  static RouteSpec read(String path) {
    return RouteLoader.loadData(DataFile.read(Path.of(path)), ENVIRONMENTS);
  }

  @Test
  void theShippedTreeSendsEveryAlarmToItsAlertsTopicWithTheConfiguredTimings() {
    RouteSpec shipped = RouteLoader.load(DataFiles.shippedAnd(Optional.empty()), ENVIRONMENTS);
    Routes routes = Routes.of(shipped, GroupTimings.DEFAULTS);

    assertThat(routes.all()).singleElement().isEqualTo(Routes.single(GroupTimings.DEFAULTS).root());
    assertThat(routes.root().key()).isEqualTo("{}");
    assertThat(routes.root().topic()).isEqualTo(Purpose.ALERTS);
    assertThat(routes.root().format()).as("the topic's own").isEmpty();
    assertThat(routes.root().timings()).isEqualTo(GroupTimings.DEFAULTS);
  }

  @Test
  void anEmptyFileInTheConfigurationDirectoryLeavesTheRootAlone(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("alarms"));
    Files.writeString(dir.resolve("alarms/routes.yaml"), "# no routes\n");

    assertThat(RouteLoader.load(DataFiles.shippedAnd(Optional.of(dir)), ENVIRONMENTS))
        .isEqualTo(RouteSpec.defaultRoot());
  }

  @Test
  void childrenInheritWhatTheyLeaveOut() {
    GroupTimings base =
        new GroupTimings(
            Duration.ofSeconds(20),
            Duration.ofMinutes(10),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Optional.of(Duration.ofDays(2)));
    Routes routes = Routes.of(read(OK + "cost-apart.yaml"), base);

    assertThat(routes.all())
        .extracting(Route::key)
        .containsExactly(
            "{}",
            "{}/{category=\"cost\"}",
            "{}/{environment=\"prod\",severity=\"critical\"}",
            "{}/{environment=~\"prod|staging\",alarm=~\"sqs-.*\"}",
            "{}/{environment=~\"prod|staging\",alarm=~\"sqs-.*\"}/{severity=\"info\"}");
    Route root = routes.root();
    assertThat(root.timings())
        .as("the file's own root timings, info never")
        .isEqualTo(
            new GroupTimings(
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(4),
                Duration.ofHours(12),
                Optional.empty()));
    Route cost = routes.all().get(1);
    assertThat(cost.topic()).isEqualTo(Purpose.NOTIFICATIONS);
    assertThat(cost.format()).contains(TopicFormat.CHATBOT);
    assertThat(cost.timings().repeatCritical()).isEqualTo(Duration.ofDays(1));
    assertThat(cost.timings().repeat(Severity.INFO)).contains(Duration.ofDays(1));
    assertThat(cost.timings().groupWait()).isEqualTo(Duration.ofSeconds(30));
    Route prodCritical = routes.all().get(2);
    assertThat(prodCritical.continueMatching()).isTrue();
    assertThat(prodCritical.topic()).isEqualTo(Purpose.ALERTS);
    assertThat(prodCritical.timings().groupWait()).isEqualTo(Duration.ofSeconds(10));
    Route queuesInfo = routes.all().get(4);
    assertThat(queuesInfo.topic()).isEqualTo(Purpose.NOTIFICATIONS);
    assertThat(queuesInfo.format()).as("inherited: none set above").isEmpty();
    assertThat(queuesInfo.timings().groupInterval())
        .as("from its parent")
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(queuesInfo.describe()).isEqualTo("{severity=\"info\"} to notifications");
    assertThat(cost.describe()).isEqualTo("{category=\"cost\"} to notifications (chatbot)");
  }

  /** Each bad fixture and its exact message, paths relative to the bad fixtures folder. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          several.yaml           | `several.yaml:2 route topic: "alert" is not one of alerts, notifications
                                    several.yaml:4 route.routes[0] match.category: "costs" is not one of health, cost, maintenance (use match-re for a pattern)
                                    several.yaml:4 route.routes[0] match.colour: unknown label (expected one of environment, severity, category, alarm)
                                    several.yaml:5 route.routes[0] match-re.environment: "prod|(" is not a regular expression: Unclosed group near index 6
                                    several.yaml:6 route.routes[0] group-wait: "soon" is not a duration such as 30s, 5m, 4h or 1d
                                    several.yaml:7 route.routes[1] match.environment: "qa" is not one of prod, staging, dev
                                    several.yaml:8 route.routes[1] repeat-interval.critical: never: only info alarms may be told once; give a duration
                                    several.yaml:8 route.routes[1] repeat-interval.warning: must be longer than 0
                                    several.yaml:9 route.routes[1] continue: "maybe" is not true or false
                                    several.yaml:11 route.routes[2] formats: unknown key (expected one of match, match-re, continue, topic, format, group-wait, group-interval, repeat-interval, routes)`
          root-match.yaml        | `root-match.yaml:2 route match: not on the root route, which takes every alarm
                                    root-match.yaml:3 route continue: not on the root route, which takes every alarm`
          no-route.yaml          | `no-route.yaml:1 routes: unknown key (expected one of route)
                                    no-route.yaml:1 route: missing`
          routes-not-a-list.yaml | routes-not-a-list.yaml:4 route routes: expected a list of routes
          empty-match.yaml       | empty-match.yaml:3 route.routes[0] match: empty: name at least one of environment, severity, category, alarm
          """)
  void namesFileLineRouteAndFieldOfEveryProblem(String fixture, String expected) {
    String message =
        Arrays.stream(expected.split("\n"))
            .map(line -> BAD + line.strip())
            .collect(Collectors.joining("\n"));

    assertThatThrownBy(() -> read(BAD + fixture))
        .isInstanceOf(DataFileException.class)
        .hasMessage(message);
  }
}
