package io.stackwatch.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.maintenance.MaintenanceStore.SignOff;
import io.stackwatch.store.Database;
import io.stackwatch.store.TestDatabases;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-offs, tracking dates and evidence in H2 and PostgreSQL alike, read back by a second pool as
 * a restarted stackwatch would.
 */
@Tag("postgres")
class MaintenanceLogTest {

  static final Instant T0 = Instant.parse("2026-11-26T12:00:05Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void everythingWrittenIsReadBackAfterARestart(String kind) {
    String url = TestDatabases.fresh(kind);
    try (Database first = new Database(url, null, null, 2)) {
      MaintenanceStore log = new MaintenanceStore(first);
      log.track("prod", "review-security-groups", T0);
      log.track("prod", "review-security-groups", T0.plusSeconds(60)); // the first date stands
      log.signOff(
          new SignOff(
              "prod", "review-security-groups", "Ada", T0.plusSeconds(10), "", Optional.empty()));
      log.signOff(
          new SignOff(
              "prod",
              "review-security-groups",
              "Grace",
              T0.plusSeconds(20),
              "closed 6379",
              Optional.of("10.0.0.7")));
      log.saveEvidence(
          "prod",
          "review-security-groups",
          new Evidence(CheckKind.SECURITY_GROUPS, Verdict.UNKNOWN, "Could not read AWS", T0));
      log.saveEvidence(
          "prod",
          "review-security-groups",
          new Evidence(
              CheckKind.SECURITY_GROUPS, Verdict.PASS, "5 security groups", T0.plusSeconds(5)));
    }
    try (Database again = new Database(url, null, null, 2)) {
      MaintenanceStore log = new MaintenanceStore(again);
      assertThat(log.trackedSince()).containsEntry("prod/review-security-groups", T0);
      assertThat(log.lastDone()).containsEntry("prod/review-security-groups", T0.plusSeconds(20));
      assertThat(log.history("prod", "review-security-groups"))
          .extracting(SignOff::by, SignOff::note, SignOff::sourceAddress)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Grace", "closed 6379", Optional.of("10.0.0.7")),
              org.assertj.core.groups.Tuple.tuple("Ada", "", Optional.empty()));
      assertThat(log.evidence())
          .containsExactly(
              java.util.Map.entry(
                  "prod/review-security-groups",
                  new Evidence(
                      CheckKind.SECURITY_GROUPS,
                      Verdict.PASS,
                      "5 security groups",
                      T0.plusSeconds(5))));
    }
  }
}
