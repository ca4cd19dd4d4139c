package io.stackwatch.web.page;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Silence;
import io.stackwatch.alarm.Transition;
import io.stackwatch.series.Unit;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.web.chart.Display;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An alarm as a row of a page.
 *
 * @param acknowledged "acknowledged by olga 5 min ago" while an acknowledgement holds, else empty
 * @param silenced "silenced until 2026-11-26 14:00 UTC" while a silence holds, else empty
 * @param silenceUrl the silence that holds it longest, on {@code /silences}; empty when none does
 * @param resource the resource it is about, as a silence matches it; empty for the environment's
 */
record AlarmRow(
    String environment,
    String id,
    String title,
    String severity,
    String category,
    AlarmState state,
    String since,
    String value,
    String reason,
    String runbook,
    String historyUrl,
    String acknowledged,
    String silenced,
    String silenceUrl,
    String resource) {

  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static AlarmRow of(AlarmReading a, Instant now) {
    AlarmStatus s = a.status();
    Unit unit = s.instance().series().unit();
    Optional<Silence> silence = a.silencedBy(now).stream().findFirst();
    return new AlarmRow(
        s.instance().environment(),
        s.instance().id(),
        s.instance().rule().title(),
        s.instance().rule().severity().yamlName(),
        s.instance().category().key(),
        s.state(),
        Display.age(s.since(), now),
        s.value().map(unit::format).orElse(""),
        s.reason(),
        s.instance().rule().runbook(),
        "/alarms/" + s.instance().environment() + "/" + s.instance().id(),
        a.acknowledgement()
            .map(k -> "acknowledged by " + k.user() + " " + Display.age(k.at(), now))
            .orElse(""),
        silence.map(x -> "silenced until " + UNTIL.format(x.endsAt())).orElse(""),
        silence.map(x -> SilencesPage.url(x.id())).orElse(""),
        s.instance().resource());
  }

  /** One transition of an alarm's history. */
  record HistoryRow(
      String at, String age, AlarmState from, AlarmState to, String value, String reason) {

    static HistoryRow of(Transition t, Unit unit, Instant now) {
      return new HistoryRow(
          t.at().toString(),
          Display.age(t.at(), now),
          t.from(),
          t.to(),
          t.value().map(unit::format).orElse(""),
          t.reason());
    }
  }

  /** Who acknowledged an alarm, when, and what they said. */
  record AcknowledgementRow(String user, String at, String age, String note) {}

  /**
   * An alarm, its acknowledgement (null when none holds), its history, newest first, and the
   * silences that hold it or will.
   */
  record AlarmDetail(
      AlarmRow alarm,
      AcknowledgementRow acknowledgement,
      java.util.List<HistoryRow> history,
      java.util.List<SilencesPage.SilenceRow> silences) {}
}
