package io.stackwatch.web.chart;

import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The window of time a chart shows: a {@link Range} ending now, or an absolute {@code from}/{@code
 * to} (ISO 8601), so that a link shows the same window to a colleague.
 *
 * @param from first second shown
 * @param to last second shown
 * @param range the range, when the window is one ending now
 */
public record TimeWindow(Instant from, Instant to, Optional<Range> range) {

  /** The longest window: CloudWatch's longest retention, and a little more for the edges. */
  public static final Duration LONGEST = Duration.ofDays(456);

  /**
   * The window query parameters ask for: {@code range}, or {@code from} (and {@code to}, now by
   * default); none is the default range.
   *
   * @throws BadRequestException with a message naming what is wrong, for anything else
   */
  public static TimeWindow parse(String range, String from, String to, Instant now) {
    boolean absolute = present(from) || present(to);
    if (!absolute) {
      Range r = Range.parse(range);
      return new TimeWindow(now.minus(r.duration), now, Optional.of(r));
    }
    if (present(range)) {
      throw new BadRequestException(
          "No range together with from/to: ask either range=7d or from=...&to=....");
    }
    if (!present(from)) {
      throw new BadRequestException("No from: to=... needs a from=... before it.");
    }
    Instant f = instant("from", from);
    Instant t = present(to) ? instant("to", to) : now;
    if (!f.isBefore(t)) {
      throw new BadRequestException("No window from " + f + " to " + t + ": from must be earlier.");
    }
    if (Duration.between(f, t).compareTo(LONGEST) > 0) {
      throw new BadRequestException(
          "No window longer than 15 months: history is kept for 455 days.");
    }
    return new TimeWindow(f, t, Optional.empty());
  }

  public Duration span() {
    return Duration.between(from, to);
  }

  /** The query string that asks for this window again. */
  public String query() {
    return range.map(r -> "range=" + r.label).orElse("from=" + from + "&to=" + to);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      // An offset (2026-11-26T13:00+01:00) or a date alone (midnight UTC) also read as a person
      // would write them.
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // a date, below
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "No time \""
              + value
              + "\" for "
              + name
              + ": write ISO 8601, such as 2026-11-26T12:00:00Z or 2026-11-26.");
    }
  }
}
