package io.stackwatch.alarm;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A silence as asked for, by the JSON API or a form, before it is checked: every field as written,
 * null when not given. {@link #toSilence} checks it all and names the first field that is wrong.
 *
 * @param matchers the conditions; each of name ({@code environment}, {@code alarm}, {@code
 *     severity}, {@code category}, {@code resource}), op ({@code =}, {@code !=}, {@code =~}, {@code
 *     !~}; {@code =} when not given) and value
 * @param startsAt when it begins, ISO 8601 ({@code 2026-11-26T14:00:00Z}; without an offset, UTC);
 *     now when not given or past
 * @param endsAt when it ends; this or {@code duration}, not both
 * @param duration how long from its start: {@code 90m}, {@code 2h}, {@code 1h30m}, {@code 3d},
 *     {@code 1w}, or ISO 8601 ({@code PT2H})
 * @param comment why; required
 */
public record SilenceRequest(
    List<MatcherRequest> matchers,
    String startsAt,
    String endsAt,
    String duration,
    String comment) {

  /** Most matchers a silence takes. */
  public static final int MATCHERS_LIMIT = 20;

  /** Longest comment kept. */
  public static final int COMMENT_LIMIT = 1000;

  /** Longest name of its author kept. */
  public static final int USER_LIMIT = 200;

  /** Latest end taken: what both stores keep. */
  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

  private static final Pattern SHORT_DURATION =
      Pattern.compile("(?:(\\d{1,6})w)?(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?");

  /** One matcher as asked for. */
  public record MatcherRequest(String name, String op, String value) {}

  public SilenceRequest {
    matchers = matchers == null ? null : new ArrayList<>(matchers);
  }

  /**
   * The silence this asks for, checked.
   *
   * @param id its id
   * @param createdBy who asks
   * @param now the time it is made; a start in the past is taken as now
   * @param environments the environments there are: {@code environment="x"} must name one
   * @throws InvalidSilence naming the field that is wrong and saying why
   */
  public Silence toSilence(String id, String createdBy, Instant now, List<String> environments) {
    List<SilenceMatcher> checked = matchers(environments);
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Instant start =
        present(startsAt).map(t -> time("startsAt", t)).filter(t -> t.isAfter(at)).orElse(at);
    Instant end;
    if (present(endsAt).isPresent() && present(duration).isPresent()) {
      throw new InvalidSilence("endsAt", "endsAt and duration: give one of them, not both.");
    } else if (present(endsAt).isPresent()) {
      end = time("endsAt", endsAt);
      if (!end.isAfter(start)) {
        throw new InvalidSilence(
            "endsAt", "endsAt (" + end + ") is not after startsAt (" + start + ").");
      }
    } else if (present(duration).isPresent()) {
      Duration d = duration(duration);
      if (Duration.between(start, LATEST).compareTo(d) < 0) {
        throw new InvalidSilence("duration", "duration \"" + duration.strip() + "\" is too long.");
      }
      end = start.plus(d);
    } else {
      throw new InvalidSilence(
          "endsAt", "endsAt or duration is required: when the silence ends, or how long it lasts.");
    }
    String why = comment == null ? "" : comment.strip();
    if (why.isEmpty()) {
      throw new InvalidSilence("comment", "comment is required: say why the alarms are silenced.");
    }
    if (why.indexOf('\0') >= 0) {
      throw new InvalidSilence("comment", "comment may not hold a NUL character.");
    }
    if (why.length() > COMMENT_LIMIT) {
      throw new InvalidSilence(
          "comment", "comment is longer than " + COMMENT_LIMIT + " characters.");
    }
    String by = createdBy == null ? "" : createdBy.strip();
    if (by.isEmpty() || by.indexOf('\0') >= 0 || by.length() > USER_LIMIT) {
      throw new InvalidSilence(
          "createdBy",
          "createdBy is required: who silences, up to "
              + USER_LIMIT
              + " characters, without a NUL.");
    }
    return new Silence(id, checked, start, end, by, at, why, Optional.empty());
  }

  private List<SilenceMatcher> matchers(List<String> environments) {
    if (matchers == null || matchers.isEmpty()) {
      throw new InvalidSilence(
          "matchers",
          "matchers are required: at least one of " + SilenceMatcher.Label.keys() + ".");
    }
    if (matchers.size() > MATCHERS_LIMIT) {
      throw new InvalidSilence(
          "matchers", "matchers: at most " + MATCHERS_LIMIT + ", not " + matchers.size() + ".");
    }
    List<SilenceMatcher> out = new ArrayList<>();
    for (int i = 0; i < matchers.size(); i++) {
      String field = "matchers[" + i + "]";
      MatcherRequest m = matchers.get(i);
      if (m == null) {
        throw new InvalidSilence(field, field + " is empty.");
      }
      String name = m.name() == null ? "" : m.name().strip();
      SilenceMatcher.Label label =
          SilenceMatcher.Label.parse(name)
              .orElseThrow(
                  () ->
                      new InvalidSilence(
                          field + ".name",
                          field
                              + ".name: no label \""
                              + name
                              + "\"; labels are "
                              + SilenceMatcher.Label.keys()
                              + "."));
      String symbol = m.op() == null || m.op().isBlank() ? "=" : m.op().strip();
      SilenceMatcher.Op op =
          SilenceMatcher.Op.parse(symbol)
              .orElseThrow(
                  () ->
                      new InvalidSilence(
                          field + ".op",
                          field
                              + ".op: no operator \""
                              + symbol
                              + "\"; operators are "
                              + SilenceMatcher.Op.symbols()
                              + "."));
      if (m.value() == null) {
        throw new InvalidSilence(field + ".value", field + ".value is required.");
      }
      SilenceMatcher matcher;
      try {
        matcher = SilenceMatcher.of(label, op, m.value());
      } catch (IllegalArgumentException e) {
        throw new InvalidSilence(
            field + ".value",
            field + ".value of " + name + op.symbol() + " " + e.getMessage() + ".");
      }
      if (label == SilenceMatcher.Label.ENVIRONMENT
          && (op == SilenceMatcher.Op.EQUAL || op == SilenceMatcher.Op.NOT_EQUAL)
          && !environments.contains(m.value())) {
        throw new InvalidSilence(
            field + ".value",
            field
                + ".value: no environment \""
                + m.value()
                + "\"; environments are "
                + String.join(", ", environments)
                + ".");
      }
      out.add(matcher);
    }
    if (out.stream().allMatch(m -> m.matches(""))) {
      throw new InvalidSilence(
          "matchers",
          "matchers: each of them matches an empty value, so the silence could hold every alarm;"
              + " add one that names something, such as environment=\"prod\".");
    }
    return out;
  }

  private static Optional<String> present(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  /** An instant: ISO 8601 with Z or an offset, or without one as UTC. */
  static Instant time(String field, String text) {
    String t = text.strip();
    Instant parsed = null;
    try {
      parsed = OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException e) {
      try {
        parsed = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e2) {
        // said below
      }
    }
    if (parsed == null) {
      throw new InvalidSilence(
          field,
          field
              + " \""
              + t
              + "\" is not a time: write it as 2026-11-26T14:00:00Z (ISO 8601; without an offset,"
              + " UTC).");
    }
    if (parsed.isAfter(LATEST)) {
      throw new InvalidSilence(field, field + " \"" + t + "\" is too far ahead.");
    }
    return parsed.truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code 90m}, {@code 2h}, {@code 1h30m}, {@code 3d}, {@code 1w}, or ISO 8601; above zero. */
  static Duration duration(String text) {
    String t = text.strip();
    Duration d = null;
    Matcher m = SHORT_DURATION.matcher(t);
    if (!t.isEmpty() && m.matches()) {
      d = Duration.ZERO;
      long[] units = {7 * 24 * 60, 24 * 60, 60, 1};
      for (int g = 1; g <= 4; g++) {
        if (m.group(g) != null) {
          d = d.plusMinutes(Long.parseLong(m.group(g)) * units[g - 1]);
        }
      }
    } else {
      try {
        d = Duration.parse(t);
      } catch (DateTimeException | ArithmeticException e) {
        // said below
      }
    }
    if (d == null || d.isNegative() || d.isZero()) {
      throw new InvalidSilence(
          "duration",
          "duration \""
              + t
              + "\" is not a length of time above zero: write it as 90m, 2h, 1h30m, 3d, 1w or"
              + " PT2H.");
    }
    return d;
  }
}
