package io.stackwatch.web.page;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.AlarmStatus;
import io.stackwatch.alarm.Transition;
import io.stackwatch.series.Unit;
import io.stackwatch.snapshot.AlarmReading;
import io.stackwatch.web.chart.Display;
import java.time.Instant;

/**
 * An alarm as a row of a page.
 *
 * @param acknowledged "acknowledged by olga 5 min ago" while an acknowledgement holds, else empty
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
    String acknowledged) {

  static AlarmRow of(AlarmReading a, Instant now) {
    AlarmStatus s = a.status();
    Unit unit = s.instance().series().unit();
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
            .orElse(""));
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

  /** An alarm, its acknowledgement (null when none holds) and its history, newest first. */
  record AlarmDetail(
      AlarmRow alarm, AcknowledgementRow acknowledgement, java.util.List<HistoryRow> history) {}
}
