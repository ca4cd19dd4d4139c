package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.SilenceMatcher.Label;
import io.stackwatch.alarm.SilenceMatcher.Op;
import io.stackwatch.store.Database;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Silences in the store, on H2 and PostgreSQL alike: kept with their matchers in order, read back
 * after the database is opened again (a restart), listed by state, expired early on record.
 */
@Tag("postgres")
class SilencesStoreTest {

  static final Instant T0 = Instant.parse("2026-11-26T12:00:05Z");

  static Silence silence(String id, Instant start, Instant end, SilenceMatcher... matchers) {
    return new Silence(
        id,
        List.of(matchers),
        start,
        end,
        "olga",
        T0,
        "database upgrade \"v16\"",
        Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void silencesSurviveARestartAndExpireEarlyOnRecord(String kind) {
    String url = TestDatabases.fresh(kind);
    Silence active =
        silence(
            "a0000000-0000-0000-0000-000000000001",
            T0,
            T0.plus(Duration.ofHours(2)),
            SilenceMatcher.of(Label.ENVIRONMENT, Op.EQUAL, "prod"),
            SilenceMatcher.of(Label.ALARM, Op.REGEX, "rds-.*"),
            SilenceMatcher.of(Label.RESOURCE, Op.NOT_REGEX, "x\\d+\"y"));
    Silence pending =
        silence(
            "b0000000-0000-0000-0000-000000000002",
            T0.plus(Duration.ofHours(1)),
            T0.plus(Duration.ofHours(3)),
            SilenceMatcher.of(Label.CATEGORY, Op.EQUAL, "cost"));
    Silence ended =
        silence(
            "c0000000-0000-0000-0000-000000000003",
            T0.minus(Duration.ofHours(3)),
            T0.minus(Duration.ofHours(1)),
            SilenceMatcher.of(Label.SEVERITY, Op.NOT_EQUAL, "info"),
            SilenceMatcher.of(Label.ENVIRONMENT, Op.EQUAL, "dev"));
    try (Database db = new Database(url, null, null, 2)) {
      for (Silence s : List.of(active, pending, ended)) {
        db.transaction("silence", c -> Silences.insert(c, s));
      }
    }

    // Opened again, as after a restart.
    try (Database db = new Database(url, null, null, 2)) {
      Silences silences = new Silences(db);
      assertThat(silences.unexpired(T0)).containsExactly(active, pending);
      assertThat(silences.listed(T0)).containsExactly(active, pending, ended);
      assertThat(silences.find(active.id())).contains(active);
      assertThat(silences.find(active.id()).orElseThrow().matchersText())
          .isEqualTo("environment=\"prod\", alarm=~\"rds-.*\", resource!~\"x\\\\d+\\\"y\"");
      assertThat(silences.find("nope")).isEmpty();

      // Ended by its time: no job flips it; it is no longer unexpired.
      Instant later = T0.plus(Duration.ofHours(2));
      assertThat(silences.unexpired(later)).containsExactly(pending);

      // Expired early: the pending one starts and ends now, and says who.
      Instant now = T0.plus(Duration.ofMinutes(10));
      boolean[] done = new boolean[2];
      db.transaction("expire", c -> done[0] = Silences.expire(c, pending.id(), now, "ada"));
      db.transaction("expire again", c -> done[1] = Silences.expire(c, pending.id(), now, "bo"));
      assertThat(done).containsExactly(true, false);
      Silence expired = silences.find(pending.id()).orElseThrow();
      assertThat(expired.startsAt()).isEqualTo(now);
      assertThat(expired.endsAt()).isEqualTo(now);
      assertThat(expired.expiredBy()).contains("ada");
      assertThat(expired.state(now)).isEqualTo(Silence.State.EXPIRED);
      assertThat(silences.unexpired(now)).containsExactly(active);
      assertThat(silences.listed(now))
          .extracting(Silence::id)
          .as("the most recently ended first")
          .containsExactly(active.id(), pending.id(), ended.id());
    }
  }
}
