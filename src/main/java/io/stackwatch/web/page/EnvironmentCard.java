package io.stackwatch.web.page;

import io.stackwatch.alarm.Acknowledgement;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Category;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.dashboard.Level;
import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.snapshot.AlarmReading;
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
 * @param costLevel the cost line's colour: {@code alarm} while a cost alarm fires, {@code warning}
 *     when the forecast reaches 90 % of the budget, else empty
 * @param maintenance the overdue chores; null while the store cannot be read
 * @param failingChecks the chores whose latest check failed; null while the store cannot be read
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
    String costLevel,
    String costAge,
    List<ItemStatus> maintenance,
    List<ItemStatus> failingChecks) {

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
    List<AlarmReading> firing = e.firing(Category.HEALTH);
    return new EnvironmentCard(
        e.name(),
        e.environment().region(),
        e.health(),
        firing.isEmpty()
            ? StateStyles.label(e.health())
            : firing.size() + " firing" + acknowledged(firing, now) + ": " + titles(firing),
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
        !e.firing(Category.COST).isEmpty()
            ? "alarm"
            : e.cost().filter(EnvironmentCard::nearBudget).isPresent() ? "warning" : "",
        costs.asOf().map(t -> Display.age(t, now)).orElse(""),
        e.overdue().orElse(null),
        e.failingChecks().orElse(null));
  }

  /**
   * ", 1 acknowledged" when someone is on some of the firing alarms; with who and when when one
   * person is: ", acknowledged by olga 5 min ago".
   */
  static String acknowledged(List<AlarmReading> firing, Instant now) {
    List<Acknowledgement> acks =
        firing.stream().flatMap(a -> a.acknowledgement().stream()).toList();
    if (acks.isEmpty()) {
      return "";
    }
    Acknowledgement newest =
        acks.stream().max(java.util.Comparator.comparing(Acknowledgement::at)).orElseThrow();
    String who =
        acks.stream().map(Acknowledgement::user).distinct().count() == 1
            ? " by " + newest.user() + " " + Display.age(newest.at(), now)
            : ", the latest by " + newest.user() + " " + Display.age(newest.at(), now);
    return acks.size() == firing.size()
        ? ", acknowledged" + who
        : ", " + acks.size() + " acknowledged" + who;
  }

  /** Share of the budget at which the forecast turns the cost line amber. */
  static final double BUDGET_WARNING = 0.9;

  private static boolean nearBudget(CostSummary c) {
    return c.forecastMonth().isPresent()
        && c.budget().filter(b -> b.signum() > 0).isPresent()
        && c.forecastMonth().get().doubleValue() >= BUDGET_WARNING * c.budget().get().doubleValue();
  }

  /** What fires, worst first: two titles, then how many more. */
  private static String titles(List<AlarmReading> firing) {
    List<String> titles =
        firing.stream().map(a -> a.status().instance().rule().title()).distinct().toList();
    return String.join(", ", titles.subList(0, Math.min(2, titles.size())))
        + (titles.size() > 2 ? " and " + (titles.size() - 2) + " more" : "");
  }

  /**
   * Such as "none overdue", "2 overdue" or "none overdue, 4 checks failing"; "unknown ..." while
   * the store cannot be read.
   */
  public String maintenanceText() {
    if (maintenance == null) {
      return "unknown while the store is unavailable";
    }
    String overdue = maintenance.isEmpty() ? "none overdue" : maintenance.size() + " overdue";
    int failing = failingChecks == null ? 0 : failingChecks.size();
    return failing == 0
        ? overdue
        : overdue + ", " + failing + (failing == 1 ? " check failing" : " checks failing");
  }

  /** Red for an overdue chore, amber for a failing check only. */
  public String maintenanceClass() {
    if (maintenance == null) {
      return "unknown";
    }
    if (!maintenance.isEmpty()) {
      return "alarm";
    }
    return failingChecks != null && !failingChecks.isEmpty() ? "warning" : "ok";
  }

  /** The chores whose check fails: two titles, then how many more. */
  public String failingTitles() {
    if (failingChecks == null || failingChecks.isEmpty()) {
      return "";
    }
    List<String> titles = failingChecks.stream().map(s -> s.item().title()).toList();
    return String.join(", ", titles.subList(0, Math.min(2, titles.size())))
        + (titles.size() > 2 ? " and " + (titles.size() - 2) + " more" : "");
  }
}
