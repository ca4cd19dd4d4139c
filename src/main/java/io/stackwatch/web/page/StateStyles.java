package io.stackwatch.web.page;

import io.quarkus.qute.TemplateExtension;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.dashboard.ChartKind;
import io.stackwatch.dashboard.Level;
import io.stackwatch.maintenance.Schedule;
import io.stackwatch.maintenance.Verdict;
import io.stackwatch.notify.outbox.OutboxMessage;
import java.util.Locale;

/**
 * How states read and look on a page: their words and CSS classes, one place for every template.
 * The states themselves are enums of the flow; only here do they become strings.
 */
@TemplateExtension
final class StateStyles {

  private StateStyles() {}

  /** {@code ok}, {@code alarm} or {@code unknown}. */
  static String cssClass(AlarmState state) {
    return switch (state) {
      case OK -> "ok";
      case ALARM -> "alarm";
      case INSUFFICIENT_DATA -> "unknown";
    };
  }

  /** As CloudWatch's console shows it: {@code INSUFFICIENT DATA} with a space. */
  static String label(AlarmState state) {
    return state == AlarmState.INSUFFICIENT_DATA ? "INSUFFICIENT DATA" : state.name();
  }

  /** {@code none}, {@code ok}, {@code warning} or {@code critical}. */
  static String cssClass(Level level) {
    return lower(level);
  }

  static String cssClass(Schedule.Status status) {
    return switch (status) {
      case DONE -> "ok";
      case DUE -> "unknown";
      case OVERDUE -> "alarm";
    };
  }

  /** {@code done}, {@code due} or {@code overdue}. */
  static String label(Schedule.Status status) {
    return lower(status);
  }

  static String cssClass(Verdict verdict) {
    return switch (verdict) {
      case PASS -> "ok";
      case FAIL -> "alarm";
      case UNKNOWN -> "unknown";
    };
  }

  static String cssClass(OutboxMessage.Status status) {
    return switch (status) {
      case SENT -> "ok";
      case PENDING -> "unknown";
      case FAILED -> "alarm";
    };
  }

  /** {@code pending}, {@code sent} or {@code failed}. */
  static String label(OutboxMessage.Status status) {
    return lower(status);
  }

  static String cssClass(ChartKind kind) {
    return kind.yamlName();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
