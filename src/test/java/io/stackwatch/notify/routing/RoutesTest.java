package io.stackwatch.notify.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.grouping.GroupTimings;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's matching: the first child that matches takes the alarm, unless it says continue; a
 * route none of whose children match takes it itself; the root takes what nothing else does.
 */
@Tag("plain")
class RoutesTest {

  final Routes routes =
      Routes.of(
          RouteLoaderTest.read(RouteLoaderTest.OK + "cost-apart.yaml"), GroupTimings.DEFAULTS);

  List<String> keys(String environment, Severity severity, Category category, String alarm) {
    return routes.match(new RouteLabels(environment, severity, category, alarm)).stream()
        .map(Route::key)
        .toList();
  }

  @Test
  void theFirstMatchingChildTakesTheAlarm() {
    assertThat(keys("prod", Severity.CRITICAL, Category.COST, "cost-forecast-over-budget"))
        .as("cost first: the prod-critical route after it is not tried")
        .containsExactly("{}/{category=\"cost\"}");
    assertThat(keys("dev", Severity.WARNING, Category.HEALTH, "rds-cpu-high"))
        .as("nothing matches: the root")
        .containsExactly("{}");
  }

  @Test
  void continueTriesTheSiblingsAfterIt() {
    assertThat(keys("prod", Severity.CRITICAL, Category.HEALTH, "sqs-dlq-not-empty:jobs-failed"))
        .containsExactly(
            "{}/{environment=\"prod\",severity=\"critical\"}",
            "{}/{environment=~\"prod|staging\",alarm=~\"sqs-.*\"}");
    assertThat(keys("prod", Severity.CRITICAL, Category.HEALTH, "rds-cpu-high"))
        .containsExactly("{}/{environment=\"prod\",severity=\"critical\"}");
  }

  @Test
  void regularExpressionsMatchTheWholeLabelAndChildrenRefine() {
    assertThat(keys("staging", Severity.INFO, Category.HEALTH, "sqs-dlq-not-empty:q"))
        .containsExactly(
            "{}/{environment=~\"prod|staging\",alarm=~\"sqs-.*\"}/{severity=\"info\"}");
    assertThat(keys("staging", Severity.WARNING, Category.HEALTH, "sqs-dlq-not-empty:q"))
        .as("no child matches: the parent takes it")
        .containsExactly("{}/{environment=~\"prod|staging\",alarm=~\"sqs-.*\"}");
    assertThat(keys("preprod", Severity.WARNING, Category.HEALTH, "sqs-dlq-not-empty:q"))
        .as("anchored: preprod is not prod")
        .containsExactly("{}");
    assertThat(keys("staging", Severity.WARNING, Category.HEALTH, "api-sqs-errors"))
        .as("anchored at the start too")
        .containsExactly("{}");
  }

  @Test
  void siblingsWithTheSameMatchersAreToldApartByTheirPlace() {
    RouteSpec child =
        new RouteSpec(
            List.of(Matcher.equal("category", "cost")),
            false,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Map.of(),
            List.of(),
            1);
    RouteSpec root =
        new RouteSpec(
            List.of(),
            false,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            java.util.Map.of(),
            List.of(child, child),
            1);

    assertThat(Routes.of(root, GroupTimings.DEFAULTS).all())
        .extracting(Route::key)
        .containsExactly("{}", "{}/{category=\"cost\"}", "{}/{category=\"cost\"}/1");
  }
}
