package io.stackwatch.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stackwatch.cost.CostSummary.Comparison;
import io.stackwatch.cost.CostSummary.DailyCost;
import io.stackwatch.cost.CostSummary.Priced;
import io.stackwatch.cost.CostSummary.ServiceChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The change against last month compares equal numbers of priced days, per service too, and the
 * days are marked as Cost Explorer prices them: today not yet, the two before estimated.
 */
@Tag("plain")
class CostSummaryTest {

  static final String RDS = "Amazon Relational Database Service";
  static final String NAT = "EC2 - Other";
  static final AnomalyRule RULE = new AnomalyRule(3, Optional.empty());

  /** Flat spend every day of November and December; Cost Explorer has not priced today. */
  static List<CostLine> flat(LocalDate today, double rds, double nat) {
    List<CostLine> lines = new ArrayList<>();
    for (LocalDate d = today.withDayOfMonth(1).minusMonths(1);
        d.isBefore(today);
        d = d.plusDays(1)) {
      boolean estimated = !d.isBefore(today.minusDays(2));
      lines.add(new CostLine(d, "prod", RDS, BigDecimal.valueOf(rds), estimated));
      lines.add(new CostLine(d, "prod", NAT, BigDecimal.valueOf(nat), estimated));
    }
    return lines;
  }

  static CostSummary summary(LocalDate today, List<CostLine> lines) {
    return CostSummary.of(
        "prod", Optional.empty(), today, lines, Optional.empty(), RULE, Instant.EPOCH);
  }

  @Test
  void flatSpendOnTheFourthIsNoChangeAgainstTheSameThreePricedDaysOfLastMonth() {
    LocalDate today = LocalDate.of(2026, 12, 4);

    Comparison c = summary(today, flat(today, 10, 2)).comparison().orElseThrow();

    assertThat(c.from()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(c.to()).isEqualTo(LocalDate.of(2026, 12, 3));
    assertThat(c.lastFrom()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(c.lastTo()).isEqualTo(LocalDate.of(2026, 11, 3));
    assertThat(c.thisPeriod()).isEqualByComparingTo("36");
    assertThat(c.lastPeriod()).isEqualByComparingTo("36");
    // Today's empty day against November's fourth read -25 % before.
    assertThat(c.changePercent()).contains(0.0);
  }

  @Test
  void theServiceThatGrewComesFirstWithItsChange() {
    LocalDate today = LocalDate.of(2026, 12, 4);
    List<CostLine> lines = flat(today, 10, 2);
    // The NAT gateway's bytes triple from December 2nd.
    lines.replaceAll(
        l ->
            l.service().equals(NAT) && !l.day().isBefore(LocalDate.of(2026, 12, 2))
                ? new CostLine(l.day(), l.environment(), NAT, BigDecimal.valueOf(6), l.estimated())
                : l);

    Comparison c = summary(today, lines).comparison().orElseThrow();

    assertThat(c.byService())
        .extracting(
            ServiceChange::service, s -> s.change().doubleValue(), ServiceChange::changePercent)
        .containsExactly(tuple(NAT, 8.0, Optional.of(133.3)), tuple(RDS, 0.0, Optional.of(0.0)));
    assertThat(c.changePercent()).contains(22.2);
  }

  @Test
  void onTheFirstNothingIsPricedSoNothingIsCompared() {
    LocalDate today = LocalDate.of(2026, 12, 1);
    assertThat(summary(today, flat(today, 10, 2)).comparison()).isEmpty();
  }

  @Test
  void withoutAnyAnswerForLastMonthNothingIsCompared() {
    LocalDate today = LocalDate.of(2026, 12, 4);
    List<CostLine> december =
        flat(today, 10, 2).stream().filter(l -> l.day().getMonthValue() == 12).toList();

    assertThat(summary(today, december).comparison()).isEmpty();
    assertThat(summary(today, List.of()).comparison()).isEmpty();
  }

  @Test
  void aLongerMonthIsComparedOnTheDaysTheShorterOneHas() {
    LocalDate today = LocalDate.of(2027, 3, 31);

    Comparison c = summary(today, flat(today, 10, 2)).comparison().orElseThrow();

    assertThat(c.to()).isEqualTo(LocalDate.of(2027, 3, 28));
    assertThat(c.lastTo()).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(c.changePercent()).contains(0.0);
  }

  /** Flat spend reported from {@code from} only (a new account): nothing before is $0. */
  static List<CostLine> flatFrom(LocalDate from, LocalDate today) {
    return flat(today, 10, 2).stream().filter(l -> !l.day().isBefore(from)).toList();
  }

  @Test
  void twelveReportedDaysOfFlatSpendAreNoAnomaly() {
    LocalDate today = LocalDate.of(2026, 12, 13);
    List<CostLine> lines = new ArrayList<>(flatFrom(LocalDate.of(2026, 12, 1), today));
    // The twelfth day twice the others: too little history to call it, and no $0 days to lean on.
    lines.add(new CostLine(today.minusDays(1), "prod", RDS, BigDecimal.TEN, true));

    assertThat(summary(today, lines).anomalies()).isEmpty();
  }

  @Test
  void aSpikeAfterFourteenReportedDaysIsAnAnomalyAndFlatSpendIsNot() {
    LocalDate today = LocalDate.of(2026, 12, 20);
    List<CostLine> flat = flatFrom(LocalDate.of(2026, 12, 1), today);
    assertThat(summary(today, flat).anomalies()).as("flat spend").isEmpty();

    List<CostLine> spiked = new ArrayList<>(flat);
    spiked.add(new CostLine(LocalDate.of(2026, 12, 18), "prod", NAT, BigDecimal.valueOf(30), true));
    assertThat(summary(today, spiked).anomalies()).containsExactly(LocalDate.of(2026, 12, 18));
  }

  @Test
  void centsOfRevisionOnFlatSpendAreNoAnomaly() {
    LocalDate today = LocalDate.of(2026, 12, 20);
    List<CostLine> lines = new ArrayList<>(flat(today, 10, 2));
    lines.add(new CostLine(LocalDate.of(2026, 12, 18), "prod", NAT, new BigDecimal("0.05"), true));
    assertThat(summary(today, lines).anomalies()).isEmpty();
  }

  @Test
  void todayIsNotPricedYetAndTheTwoDaysBeforeAreEstimated() {
    LocalDate today = LocalDate.of(2026, 12, 6);

    List<DailyCost> daily = summary(today, flat(today, 10, 2)).daily();

    assertThat(daily)
        .extracting(DailyCost::day, DailyCost::priced)
        .containsExactly(
            tuple(LocalDate.of(2026, 12, 1), Priced.FINAL),
            tuple(LocalDate.of(2026, 12, 2), Priced.FINAL),
            tuple(LocalDate.of(2026, 12, 3), Priced.FINAL),
            tuple(LocalDate.of(2026, 12, 4), Priced.ESTIMATED),
            tuple(LocalDate.of(2026, 12, 5), Priced.ESTIMATED),
            tuple(today, Priced.NOT_YET));
  }
}
