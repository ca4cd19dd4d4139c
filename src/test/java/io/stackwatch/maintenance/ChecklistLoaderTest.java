package io.stackwatch.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.alarm.RuleLoader;
import io.stackwatch.datafile.DataFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("plain")
class ChecklistLoaderTest {

  @Test
  void theShippedChecklistHoldsTheSeedsFourteenChores() {
    Checklist c = ChecklistLoader.load(Path.of("alarms/maintenance.yaml"));
    Map<Cadence, Long> perCadence =
        c.items().stream()
            .collect(Collectors.groupingBy(MaintenanceItem::cadence, Collectors.counting()));
    assertThat(perCadence)
        .containsEntry(Cadence.DAILY, 3L)
        .containsEntry(Cadence.WEEKLY, 3L)
        .containsEntry(Cadence.MONTHLY, 4L)
        .containsEntry(Cadence.QUARTERLY, 4L);
    assertThat(c.items())
        .extracting(MaintenanceItem::check)
        .filteredOn(Optional::isPresent)
        .extracting(Optional::get)
        .containsExactlyInAnyOrder(CheckKind.values());
    assertThat(c.grace(Cadence.WEEKLY)).isEqualTo(Duration.ofDays(2));
    assertThat(c.find("disaster-recovery-test").orElseThrow().environments())
        .containsExactly("prod");
    assertThat(c.itemsOf(MaintenanceItem.GLOBAL))
        .extracting(MaintenanceItem::id)
        .containsExactly("check-service-updates", "update-terraform-modules");
  }

  @Test
  void everyProblemIsNamedWithFileLineItemAndField() {
    Path bad = Path.of("src/test/resources/maintenance/bad.yaml");
    assertThatThrownBy(() -> ChecklistLoader.load(bad))
        .isInstanceOfSatisfying(
            DataFileException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        bad + ":2 grace.weekly: \"two days\" is not a duration such as 2d or 12h",
                        bad + ":4 item[0] id: \"Review_SGs\" is not kebab-case",
                        bad
                            + ":6 item[0] cadence: \"fortnightly\" is not one of daily, weekly,"
                            + " monthly, quarterly",
                        bad
                            + ":15 item[1] (update-terraform-modules) critical: alarms belong to an"
                            + " environment; a global chore cannot raise one",
                        bad
                            + ":16 item[1] (update-terraform-modules) check: checks read an"
                            + " environment; a global chore cannot have one",
                        bad
                            + ":22 item[2] (update-terraform-modules) owner: unknown key (expected"
                            + " one of id, title, cadence, why, how, scope, environments, critical,"
                            + " check)"));
  }

  @Test
  void theAlarmRulesLeaveTheChecklistAlone() {
    assertThat(RuleLoader.load(Path.of("alarms")))
        .extracting(r -> r.id())
        .contains("maintenance-critical-overdue")
        .doesNotContain("review-dashboards");
  }
}
