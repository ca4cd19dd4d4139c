package io.stackwatch.alarm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgently an alarm in ALARM state needs a person. Written in lower case in rule files. */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO;

  /** The spelling in rule files, such as {@code critical}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity spelled exactly so in a rule file; upper case is refused like any typo. */
  public static Optional<Severity> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.yamlName().equals(text)).findFirst();
  }
}
