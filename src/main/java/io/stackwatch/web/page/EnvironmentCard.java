package io.stackwatch.web.page;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.dashboard.Level;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.snapshot.CostReport;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.KeyNumber;
import io.stackwatch.web.chart.Display;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An environment at a glance, as the overview and the environment page show it: its health (its
 * worst alarm), its key numbers, its cost against budget, its overdue maintenance and how old all
 * of it is.
 *
 * @param polled whether a poll has succeeded yet; until one has, the card is waiting, not stale
 * @param dataAge "data 2 min ago"; empty before the first poll
 * @param budget the cost row for the budget bar; null until Cost Explorer answered
 * @param maintenance null while the store cannot be read
 */
record EnvironmentCard(
    String name,
    String region,
    AlarmState health,
    String healthText,
    boolean stale,
    boolean polled,
    String dataAge,
    String staleReason,
    List<KeyNumberRow> numbers,
    String cost,
    CostPage.CostRow budget,
    String costAge,
    List<ItemStatus> maintenance) {

  /** A labelled figure, its level and age. */
  record KeyNumberRow(String label, String value, Level level, String age) {
    static KeyNumberRow of(KeyNumber n, Instant now) {
      return new KeyNumberRow(
          n.label(),
          n.latest().map(l -> n.unit().format(l.value())).orElse("no data"),
          n.level(),
          n.latest().map(l -> Display.age(l.at(), now)).orElse(""));
    }
  }

  static EnvironmentCard of(EnvironmentState e, CostReport costs, Instant now) {
    long firing = e.firing();
    return new EnvironmentCard(
        e.name(),
        e.environment().region(),
        e.health(),
        firing == 0 ? StateStyles.label(e.health()) : firing + " firing" + acknowledged(e),
        e.stale(now),
        e.polled(),
        e.poll().lastSuccess().map(t -> "data " + Display.age(t, now)).orElse(""),
        e.poll().lastError().orElse(""),
        e.keyNumbers().stream().map(n -> KeyNumberRow.of(n, now)).toList(),
        e.cost()
            .map(
                c ->
                    CostPage.usd(c.monthToDate())
                        + " of "
                        + CostPage.usd(e.environment().monthlyBudget())
                        + c.forecastMonth().map(f -> ", forecast " + CostPage.usd(f)).orElse("")
                        + (c.forecastOverBudget() ? " (over budget)" : ""))
            .orElse(""),
        e.cost().map(c -> CostPage.row(c, LocalDate.ofInstant(now, ZoneOffset.UTC))).orElse(null),
        costs.asOf().map(t -> Display.age(t, now)).orElse(""),
        e.overdue().orElse(null));
  }

  /** ", 1 acknowledged" when someone is on some of the firing alarms. */
  private static String acknowledged(EnvironmentState e) {
    long acked =
        e.alarms().stream()
            .filter(a -> a.state() == AlarmState.ALARM && a.acknowledgement().isPresent())
            .count();
    return acked == 0 ? "" : ", " + acked + " acknowledged";
  }

  /** Such as "none overdue" or "2 overdue"; "unknown ..." while the store cannot be read. */
  public String maintenanceText() {
    if (maintenance == null) {
      return "unknown while the store is unavailable";
    }
    return maintenance.isEmpty() ? "none overdue" : maintenance.size() + " overdue";
  }

  public String maintenanceClass() {
    return maintenance == null ? "unknown" : maintenance.isEmpty() ? "ok" : "alarm";
  }
}
