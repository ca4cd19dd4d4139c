package io.stackwatch.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every automated check, through the real SDK clients against the simulator: each finding planted
 * in dev fails its check with a detail naming the resource; prod, clean, passes everything.
 */
@QuarkusTest
class EvidenceTest {

  @Inject EvidenceCollector collector;
  @Inject Catalog catalog;
  @Inject CostCollector costs;
  @Inject PollJob poll;
  @Inject SimulatorBridge runtime;
  @Inject Clock clock;

  @BeforeEach
  void costsRead() {
    runtime.simulator().faults().clear();
    costs.refresh();
  }

  private Map<CheckKind, Evidence> all(String environment) {
    Environment env = catalog.find(environment).orElseThrow();
    Instant now = clock.instant();
    Map<CheckKind, Evidence> out = new EnumMap<>(CheckKind.class);
    for (CheckKind k : CheckKind.values()) {
      out.put(k, collector.check(env, k, now));
    }
    return out;
  }

  @Test
  void aCleanEnvironmentPassesEveryCheck() {
    Map<CheckKind, Evidence> prod = all("prod");
    prod.forEach(
        (k, e) -> assertThat(e.verdict()).as(k + ": " + e.detail()).isEqualTo(Verdict.PASS));
    assertThat(prod.get(CheckKind.SECURITY_GROUPS).detail()).contains("prod-alb-sg");
    assertThat(prod.get(CheckKind.CAPACITY).detail())
        .contains("prod-db")
        .contains("GiB free of 100 GiB");
    assertThat(prod.get(CheckKind.RIGHT_SIZING).detail()).contains("prod-redis-003");
    assertThat(prod.get(CheckKind.METRIC_TRENDS).detail()).contains("API requests");
  }

  @Test
  void eachPlantedFindingFailsItsCheckNamingTheResource() {
    Map<CheckKind, Evidence> dev = all("dev");
    Evidence sg = dev.get(CheckKind.SECURITY_GROUPS);
    assertThat(sg.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(sg.detail()).contains("(dev-redis-sg): port 6379 open to 0.0.0.0/0");
    assertThat(sg.detail()).doesNotContain("dev-db-sg").doesNotContain("dev-alb-sg");

    Evidence unused = dev.get(CheckKind.UNUSED_RESOURCES);
    assertThat(unused.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(unused.detail())
        .contains("(dev-load-test-data), 100 GiB, not attached")
        .contains(" (dev-old-bastion) eipalloc-")
        .contains("not associated")
        .contains("manual snapshot dev-db-before-upgrade of dev-db, 200 days old")
        .doesNotContain("dev-db-before-release")
        .doesNotContain("bastion-root");

    Evidence backups = dev.get(CheckKind.BACKUP_RETENTION);
    assertThat(backups.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(backups.detail())
        .isEqualTo("log group /aws/apigateway/dev retains 3 days (30 expected).");

    Evidence logs = dev.get(CheckKind.LOG_ERRORS);
    assertThat(logs.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(logs.detail()).isEqualTo("/aws/lambda/dev-worker: 12 ERROR lines in 24 h.");
  }

  @Test
  void awsFailingGivesUnknownWithTheReasonNotAFailure() {
    runtime.simulator().faults().serverError("ec2", "DescribeSecurityGroups");
    Evidence e =
        collector.check(
            catalog.find("prod").orElseThrow(), CheckKind.SECURITY_GROUPS, clock.instant());
    assertThat(e.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(e.detail()).startsWith("Could not read AWS:").contains("InternalError");
    runtime.simulator().faults().throttle("logs", null);
    Evidence logs =
        collector.check(catalog.find("prod").orElseThrow(), CheckKind.LOG_ERRORS, clock.instant());
    assertThat(logs.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(logs.detail()).contains("ThrottlingException");
  }
}
