package io.stackwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.alarm.SilenceMatcher.Label;
import io.stackwatch.alarm.SilenceMatcher.Op;
import io.stackwatch.alarm.SilenceRequest.MatcherRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a silence holds and when: Alertmanager's matchers on the shipped alarms of the seed stack
 * (equality, whole-value regular expressions, negative matchers, all of them required), its state
 * from the time alone, and a request refused with the field that is wrong.
 */
@Tag("plain")
class SilenceTest {

  static final Instant NOW = Instant.parse("2026-11-26T12:00:05Z");
  static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");

  static SilenceMatcher m(Label label, Op op, String value) {
    return SilenceMatcher.of(label, op, value);
  }

  static Silence silence(SilenceMatcher... matchers) {
    return new Silence(
        "s1",
        List.of(matchers),
        NOW,
        NOW.plus(Duration.ofHours(2)),
        "olga",
        NOW,
        "database upgrade",
        Optional.empty());
  }

  /** The keys of the seed stack's alarms a silence matches. */
  static List<String> matched(Silence s) {
    List<String> out = new ArrayList<>();
    for (String env : ENVIRONMENTS) {
      SeedStack.bound(env).stream().filter(s::matches).map(AlarmInstance::key).forEach(out::add);
    }
    return out;
  }

  @Test
  void equalityMatchesTheWholeValueEitherWay() {
    assertThat(m(Label.ALARM, Op.EQUAL, "rds-cpu-high").matches("rds-cpu-high")).isTrue();
    assertThat(m(Label.ALARM, Op.EQUAL, "rds-cpu").matches("rds-cpu-high")).isFalse();
    assertThat(m(Label.ALARM, Op.NOT_EQUAL, "rds-cpu-high").matches("rds-cpu-high")).isFalse();
    assertThat(m(Label.ALARM, Op.NOT_EQUAL, "rds-cpu-high").matches("rds-free-storage-low"))
        .isTrue();
    assertThat(m(Label.RESOURCE, Op.EQUAL, "").matches(""))
        .as("no resource is the empty one")
        .isTrue();
  }

  @Test
  void regularExpressionsAreAnchoredAtBothEnds() {
    SilenceMatcher rds = m(Label.ALARM, Op.REGEX, "rds-.*");
    assertThat(rds.matches("rds-cpu-high")).isTrue();
    assertThat(rds.matches("x-rds-cpu-high")).as("anchored at the start").isFalse();
    SilenceMatcher cpu = m(Label.ALARM, Op.REGEX, "rds-cpu");
    assertThat(cpu.matches("rds-cpu-high")).as("anchored at the end").isFalse();
    SilenceMatcher either = m(Label.ALARM, Op.REGEX, "rds-cpu-high|api-5xx-high");
    assertThat(either.matches("rds-cpu-high")).isTrue();
    assertThat(either.matches("api-5xx-high")).isTrue();
    assertThat(either.matches("rds-cpu-high-x"))
        .as("the alternation anchored as a whole")
        .isFalse();
    SilenceMatcher notDev = m(Label.ENVIRONMENT, Op.NOT_REGEX, "dev|staging");
    assertThat(notDev.matches("prod")).isTrue();
    assertThat(notDev.matches("dev")).isFalse();
    assertThat(notDev.matches("devx")).as("anchored, so not a match, so kept").isTrue();
    assertThat(m(Label.ALARM, Op.REGEX, "rds-.*").toString()).isEqualTo("alarm=~\"rds-.*\"");
  }

  @Test
  void aSilenceWithSeveralMatchersHoldsOnlyWhatAllOfThemMatch() {
    assertThat(
            matched(
                silence(
                    m(Label.ENVIRONMENT, Op.EQUAL, "prod"),
                    m(Label.ALARM, Op.EQUAL, "rds-cpu-high"))))
        .containsExactly("prod/rds-cpu-high");
    assertThat(matched(silence(m(Label.ALARM, Op.EQUAL, "rds-cpu-high"))))
        .containsExactly("prod/rds-cpu-high", "staging/rds-cpu-high", "dev/rds-cpu-high");
    List<String> prodCriticalRds =
        matched(
            silence(
                m(Label.ENVIRONMENT, Op.EQUAL, "prod"),
                m(Label.ALARM, Op.REGEX, "rds-.*"),
                m(Label.SEVERITY, Op.EQUAL, "critical")));
    assertThat(prodCriticalRds).isNotEmpty().allMatch(k -> k.startsWith("prod/rds-"));
    assertThat(prodCriticalRds)
        .allMatch(
            k -> SeedStack.instance("prod", k.substring(5)).rule().severity() == Severity.CRITICAL);
    assertThat(
            matched(
                silence(
                    m(Label.CATEGORY, Op.EQUAL, "cost"),
                    m(Label.ENVIRONMENT, Op.NOT_EQUAL, "prod"))))
        .isNotEmpty()
        .allMatch(k -> k.startsWith("staging/cost-") || k.startsWith("dev/cost-"));
  }

  @Test
  void theResourceIsWhatTheIdNamesOrTheMetricsDimensions() {
    AlarmInstance cpu = SeedStack.instance("prod", "rds-cpu-high");
    assertThat(cpu.resource()).isNotEmpty().doesNotContain("=");
    assertThat(silence(m(Label.RESOURCE, Op.EQUAL, cpu.resource())).matches(cpu)).isTrue();
    AlarmInstance dlq =
        SeedStack.bound("prod").stream()
            .filter(i -> i.id().startsWith("sqs-dlq-not-empty:"))
            .findFirst()
            .orElseThrow();
    assertThat(dlq.resource()).isEqualTo(dlq.id().substring("sqs-dlq-not-empty:".length()));
    AlarmInstance cost = SeedStack.instance("prod", "cost-forecast-over-budget");
    assertThat(cost.resource()).isEmpty();
    assertThat(silence(m(Label.RESOURCE, Op.REGEX, "prod-.*")).matches(cost)).isFalse();
  }

  @Test
  void pendingBeforeItsStartActiveUntilItsEndThenExpired() {
    Silence s =
        new Silence(
            "s2",
            List.of(m(Label.ENVIRONMENT, Op.EQUAL, "prod")),
            NOW.plusSeconds(60),
            NOW.plusSeconds(120),
            "olga",
            NOW,
            "upgrade",
            Optional.empty());
    assertThat(s.state(NOW)).isEqualTo(Silence.State.PENDING);
    assertThat(s.activeAt(NOW)).isFalse();
    assertThat(s.state(NOW.plusSeconds(59))).isEqualTo(Silence.State.PENDING);
    assertThat(s.state(NOW.plusSeconds(60))).isEqualTo(Silence.State.ACTIVE);
    assertThat(s.activeAt(NOW.plusSeconds(119))).isTrue();
    assertThat(s.state(NOW.plusSeconds(120))).isEqualTo(Silence.State.EXPIRED);
    assertThat(s.activeAt(NOW.plusSeconds(120))).isFalse();
  }

  static SilenceRequest request(String duration, String comment, MatcherRequest... matchers) {
    return new SilenceRequest(List.of(matchers), null, null, duration, comment);
  }

  static MatcherRequest mr(String name, String op, String value) {
    return new MatcherRequest(name, op, value);
  }

  static InvalidSilence refusal(SilenceRequest r) {
    try {
      r.toSilence("id", "olga", NOW, ENVIRONMENTS);
    } catch (InvalidSilence e) {
      return e;
    }
    throw new AssertionError("accepted: " + r);
  }

  @Test
  void aRequestIsCheckedAndRefusedNamingTheField() {
    Silence ok =
        request("1h30m", " upgrade ", mr("environment", null, "prod"), mr("alarm", "=~", "rds-.*"))
            .toSilence("id", "olga", NOW.plusMillis(300), ENVIRONMENTS);
    assertThat(ok.startsAt()).isEqualTo(NOW);
    assertThat(ok.endsAt()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
    assertThat(ok.comment()).isEqualTo("upgrade");
    assertThat(ok.matchersText()).isEqualTo("environment=\"prod\", alarm=~\"rds-.*\"");

    assertThat(refusal(request("2h", "x", mr("alarm", "=~", "rds-("))))
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("matchers[0].value");
              assertThat(e.getMessage()).contains("not a regular expression");
            });
    assertThat(refusal(request("2h", "x", mr("category", "=", "money"))).field())
        .isEqualTo("matchers[0].value");
    assertThat(refusal(request("2h", "x", mr("category", "=", "money"))).getMessage())
        .contains("categories are health, cost, maintenance");
    assertThat(refusal(request("2h", "x", mr("host", "=", "a"))).field())
        .isEqualTo("matchers[0].name");
    assertThat(refusal(request("2h", "x", mr("alarm", "==", "a"))).field())
        .isEqualTo("matchers[0].op");
    assertThat(refusal(request("2h", "x", mr("environment", "=", "qa"))).field())
        .isEqualTo("matchers[0].value");
    assertThat(refusal(request("2h", " ", mr("alarm", "=", "a"))).field()).isEqualTo("comment");
    assertThat(refusal(request("2h", null, mr("alarm", "=", "a"))).field()).isEqualTo("comment");
    assertThat(refusal(request("2h", "x")).field()).isEqualTo("matchers");
    assertThat(refusal(request("2h", "x", mr("alarm", "=~", ".*"))).field())
        .as("a silence that could hold everything")
        .isEqualTo("matchers");
    assertThat(refusal(request("soon", "x", mr("alarm", "=", "a"))).field()).isEqualTo("duration");
    assertThat(refusal(request("0m", "x", mr("alarm", "=", "a"))).field()).isEqualTo("duration");
    assertThat(refusal(request(null, "x", mr("alarm", "=", "a"))).field()).isEqualTo("endsAt");

    InvalidSilence endBeforeStart =
        refusal(
            new SilenceRequest(
                List.of(mr("alarm", "=", "a")),
                "2026-11-26T14:00:00Z",
                "2026-11-26T13:00:00Z",
                null,
                "x"));
    assertThat(endBeforeStart.field()).isEqualTo("endsAt");
    assertThat(endBeforeStart.getMessage()).contains("is not after startsAt");
    assertThat(
            refusal(new SilenceRequest(List.of(mr("alarm", "=", "a")), "tomorrow", null, "2h", "x"))
                .field())
        .isEqualTo("startsAt");

    Silence later =
        new SilenceRequest(
                List.of(mr("alarm", "=", "a")),
                "2026-11-26T14:00",
                "2026-11-26T16:00:00+01:00",
                null,
                "x")
            .toSilence("id", "olga", NOW, ENVIRONMENTS);
    assertThat(later.startsAt())
        .as("no offset: UTC")
        .isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
    assertThat(later.endsAt()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
  }
}
