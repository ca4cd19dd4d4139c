package io.stackwatch.notify.message;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How messages word times, durations, money, links and subjects, the same in every format. */
public final class Wording {

  /**
   * SNS: "Subjects must be ASCII text ... and less than 100 characters long"; what AWS documents,
   * not the 100 some clients check, so no subject is ever refused.
   */
  static final int MAX_SUBJECT = 99;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Wording() {}

  /** Such as {@code 2026-11-26 12:03 UTC}. */
  static String time(Instant at) {
    return TIME.format(at);
  }

  /** Such as {@code 2026-11-26}. */
  static String day(Instant at) {
    return DAY.format(at);
  }

  /** Such as {@code 45 s}, {@code 12 min}, {@code 4 h 5 min}, {@code 2 d 3 h}. */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    long m = s / 60;
    if (m < 60) {
      return m + " min";
    }
    long h = m / 60;
    if (h < 48) {
      return m % 60 == 0 ? h + " h" : h + " h " + m % 60 + " min";
    }
    return h % 24 == 0 ? h / 24 + " d" : h / 24 + " d " + h % 24 + " h";
  }

  /** Such as {@code $1,234.50}. */
  static String usd(BigDecimal amount) {
    return "$" + String.format(Locale.ROOT, "%,.2f", amount);
  }

  /** {@code 1 firing} or {@code 2 alarms}: a count and its noun, plural as English has it. */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** The page of one alarm: {@code <base>/alarms/<env>/<id>}, as {@code /alarms} links it. */
  static String alarmLink(String baseUrl, String environment, String alarmId) {
    return base(baseUrl) + "/alarms/" + segment(environment) + "/" + segment(alarmId);
  }

  /** A page of stackwatch, such as {@code <base>/alarms}. */
  static String page(String baseUrl, String path) {
    return base(baseUrl) + path;
  }

  private static String base(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** A path segment, encoded where needed; the colon of {@code lambda-errors:prod-api} stays. */
  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
  }

  /** A runbook's lines, trimmed, without blank ones. */
  static List<String> lines(String text) {
    return text == null
        ? List.of()
        : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** A text on one line: every run of whitespace one space. */
  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /**
   * A subject of {@code prefix} and as many {@code items} as fit, in ASCII and under {@link
   * #MAX_SUBJECT} characters, cut between words with {@code ...} rather than inside one. Items that
   * repeat (two dead-letter queues) are named once with a count.
   */
  static String subject(String prefix, List<String> items) {
    Map<String, Integer> counted = new LinkedHashMap<>();
    items.forEach(i -> counted.merge(oneLine(i), 1, Integer::sum));
    List<String> named = new ArrayList<>();
    counted.forEach((item, n) -> named.add(n == 1 ? item : item + " (" + n + ")"));
    String full = ascii(oneLine(prefix + (named.isEmpty() ? "" : ": " + String.join(", ", named))));
    return cut(full, MAX_SUBJECT);
  }

  /** Cuts a text to at most {@code max} characters at a space, marking the cut with "...". */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String marker = " ...";
    int room = max - marker.length();
    // Keep whole words only: up to the last space within the room, or all of it if a word ends
    // exactly there.
    int end = text.charAt(room) == ' ' ? room : text.lastIndexOf(' ', room);
    String kept = (end > 0 ? text.substring(0, end) : text.substring(0, room));
    // No dangling separator before the marker, such as ", ..." or ": ...".
    return kept.replaceAll("[\\s,;:]+$", "") + marker;
  }

  /** ASCII only, as SNS requires of a subject: accents dropped, anything else a '?'. */
  static String ascii(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
