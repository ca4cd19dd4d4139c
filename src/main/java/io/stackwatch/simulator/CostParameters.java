package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading the members Cost Explorer requests share (TimePeriod, Granularity, Filter), refusing bad
 * values with {@code ValidationException} as Cost Explorer does. Messages in the {@code 1
 * validation error detected} form are those of AWS's request validation.
 */
final class CostParameters {

  /** A time range of whole days, {@code end} exclusive, as in a {@code DateInterval}. */
  record Period(LocalDate start, LocalDate end) {}

  private CostParameters() {}

  static Period timePeriod(ObjectNode body) {
    if (!(body.get("TimePeriod") instanceof ObjectNode period)) {
      throw notNull("timePeriod");
    }
    LocalDate start = date(period.path("Start"), "timePeriod.start");
    LocalDate end = date(period.path("End"), "timePeriod.end");
    return new Period(start, end);
  }

  private static LocalDate date(JsonNode value, String member) {
    String s = value.textValue();
    if (s == null) {
      throw notNull(member);
    }
    try {
      // DAILY and MONTHLY take dates; an hourly-style timestamp keeps its date part.
      return LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw invalid("Invalid date format for " + member + ": '" + s + "'. Expected yyyy-MM-dd");
    }
  }

  /**
   * {@code DAILY} or {@code MONTHLY}; {@code HOURLY} needs an opt-in the simulated account lacks.
   */
  static String granularity(ObjectNode body) {
    String g = body.path("Granularity").textValue();
    if (g == null) {
      throw notNull("granularity");
    }
    return switch (g) {
      case "DAILY", "MONTHLY" -> g;
      case "HOURLY" ->
          throw invalid(
              "Hourly granularity is not enabled for this account: opt in to hourly data in the"
                  + " Cost Explorer preferences (the simulator serves DAILY and MONTHLY)");
      default ->
          throw invalid(
              "1 validation error detected: Value '"
                  + g
                  + "' at 'granularity' failed to satisfy constraint: Member must satisfy enum"
                  + " value set: [MONTHLY, HOURLY, DAILY]");
    };
  }

  /** The request's Filter, or null if it has none. */
  static CostExpression filter(ObjectNode body) {
    JsonNode filter = body.get("Filter");
    return StrictJson.present(filter) ? CostExpression.parse(filter) : null;
  }

  /** The periods a range splits into: single days, or calendar months clipped to the range. */
  static List<Period> periods(Period range, String granularity) {
    List<Period> periods = new ArrayList<>();
    LocalDate start = range.start();
    while (start.isBefore(range.end())) {
      LocalDate next =
          granularity.equals("DAILY") ? start.plusDays(1) : start.withDayOfMonth(1).plusMonths(1);
      LocalDate end = next.isAfter(range.end()) ? range.end() : next;
      periods.add(new Period(start, end));
      start = end;
    }
    return periods;
  }

  /** Metric names compare without case and underscores: {@code UNBLENDED_COST} is UnblendedCost. */
  static String normalized(String metric) {
    return metric.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** Cents as Cost Explorer writes an amount: a decimal string, here always with two places. */
  static String amount(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  static ServiceException notNull(String member) {
    return invalid(
        "1 validation error detected: Value null at '"
            + member
            + "' failed to satisfy constraint: Member must not be null");
  }

  static ServiceException invalid(String message) {
    return ServiceException.sender("ValidationException", message);
  }
}
