package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("simulator")
class CostModelTest {

  private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");

  private final CostModel model = new CostModel(SimulatorFixture.SEED);

  @ParameterizedTest
  @CsvSource({"dev, 79", "staging, 254", "prod, 596"})
  void environmentsCostWhatTheSeedEstimatesOverA30DayMonth(String env, double monthly) {
    assertThat(model.monthlyEstimate(env)).isCloseTo(monthly, within(1e-9));
    assertThat(thirtyDays(env)).isCloseTo(monthly, within(monthly * 0.02));
  }

  @Test
  void theServiceSplitFollowsTheSeedBreakdown() {
    // prod: NAT $96 + data transfer $100 under EC2 - Other, RDS $120, ElastiCache $180,
    // CloudFront $50, other services $50.
    assertThat(monthly("prod", "EC2 - Other")).isCloseTo(196, within(1e-9));
    assertThat(monthly("prod", "Amazon Relational Database Service")).isCloseTo(120, within(1e-9));
    assertThat(monthly("prod", "Amazon ElastiCache")).isCloseTo(180, within(1e-9));
    assertThat(monthly("prod", "Amazon CloudFront")).isCloseTo(50, within(1e-9));
    assertThat(usageTypes("prod", "NatGateway-")).isCloseTo(96, within(1e-9));
    assertThat(usageTypes("prod", "DataTransfer-")).isCloseTo(100, within(1e-9));
    assertThat(monthly("dev", "Amazon CloudFront")).isZero();
    assertThat(model.lines("dev"))
        .extracting(CostLine::usageType)
        .contains("InstanceUsage:db.t3.micro", "NodeUsage:cache.t3.micro");
    assertThat(model.lines("prod"))
        .extracting(CostLine::usageType)
        .contains("Multi-AZUsage:db.t3.medium", "NodeUsage:cache.t3.medium");
  }

  @Test
  void untaggedSpendIsThreePercentOfTheWholeBill() {
    double tagged = 0;
    for (String env : CostModel.DEFAULT_ENVIRONMENTS) {
      tagged += model.monthlyEstimate(env);
    }
    double untagged = model.monthlyEstimate("");
    assertThat(untagged / (tagged + untagged)).isCloseTo(0.03, within(1e-9));
    assertThat(model.lines("")).allSatisfy(l -> assertThat(l.tag("Environment")).isEmpty());
  }

  @Test
  void trafficPeaksOnWeekdaysWhileHourlyResourcesDoNot() {
    CostLine transfer = line("prod", "DataTransfer-Out-Bytes");
    CostLine nat = line("prod", "NatGateway-Hours");
    LocalDate thursday = LocalDate.parse("2026-11-19");
    LocalDate saturday = LocalDate.parse("2026-11-21");
    assertThat(model.expected(transfer, thursday) / model.expected(transfer, saturday))
        .isCloseTo(1.06 / 0.85, within(1e-9));
    assertThat(model.expected(nat, thursday)).isEqualTo(model.expected(nat, saturday));
    // Noise stays small: within 6 % of the mean for traffic, 1 % for hourly resources.
    for (LocalDate d = NOV_1; d.isBefore(NOV_1.plusDays(30)); d = d.plusDays(1)) {
      assertThat(model.amount(transfer, d) / model.expected(transfer, d)).isBetween(0.94, 1.06);
      assertThat(model.amount(nat, d) / model.expected(nat, d)).isBetween(0.99, 1.01);
    }
  }

  @Test
  void otherEnvironmentNamesGetProdsShapeAtAStableSize() {
    double qa = model.monthlyEstimate("qa");
    assertThat(qa).isEqualTo(new CostModel(7).monthlyEstimate("qa"));
    assertThat(qa).isBetween(596 * 0.1, 596.0);
    assertThat(model.lines("qa")).extracting(CostLine::environment).containsOnly("qa");
  }

  @Test
  void theSameSeedGivesTheSameBillAndAnotherSeedAnother() {
    CostLine rds = model.lines("staging").get(4);
    CostModel same = new CostModel(SimulatorFixture.SEED);
    CostModel other = new CostModel(SimulatorFixture.SEED + 1);
    assertThat(same.amount(same.lines("staging").get(4), NOV_1))
        .isEqualTo(model.amount(rds, NOV_1));
    assertThat(other.amount(other.lines("staging").get(4), NOV_1))
        .isNotEqualTo(model.amount(rds, NOV_1));
  }

  private double thirtyDays(String env) {
    double sum = 0;
    for (CostLine line : model.lines(env)) {
      for (LocalDate d = NOV_1; d.isBefore(NOV_1.plusDays(30)); d = d.plusDays(1)) {
        sum += model.amount(line, d);
      }
    }
    return sum;
  }

  private double monthly(String env, String service) {
    return model.lines(env).stream()
        .filter(l -> l.service().equals(service))
        .mapToDouble(CostLine::monthlyUsd)
        .sum();
  }

  private double usageTypes(String env, String prefix) {
    return model.lines(env).stream()
        .filter(l -> l.usageType().startsWith(prefix))
        .mapToDouble(CostLine::monthlyUsd)
        .sum();
  }

  private CostLine line(String env, String usageType) {
    List<CostLine> lines =
        model.lines(env).stream().filter(l -> l.usageType().equals(usageType)).toList();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }
}
