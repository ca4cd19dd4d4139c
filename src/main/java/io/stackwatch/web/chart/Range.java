package io.stackwatch.web.chart;

import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ranges a chart offers, ending now: {@code ?range=1h}, {@code 6h}, {@code 24h}, {@code 7d},
 * {@code 30d}, {@code 90d} or {@code 15mo} (455 days, CloudWatch's longest retention).
 */
public enum Range {
  H1("1h", Duration.ofHours(1)),
  H6("6h", Duration.ofHours(6)),
  H24("24h", Duration.ofHours(24)),
  D7("7d", Duration.ofDays(7)),
  D30("30d", Duration.ofDays(30)),
  D90("90d", Duration.ofDays(90)),
  MO15("15mo", Duration.ofDays(455));

  public static final Range DEFAULT = H6;

  public final String label;
  public final Duration duration;

  Range(String label, Duration duration) {
    this.label = label;
    this.duration = duration;
  }

  public String label() {
    return label;
  }

  /**
   * The range a query parameter names; none is the default.
   *
   * @throws BadRequestException naming the choices, for anything else
   */
  public static Range parse(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT;
    }
    return Arrays.stream(values())
        .filter(r -> r.label.equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new BadRequestException(
                    "No range \""
                        + value
                        + "\": choose "
                        + Arrays.stream(values())
                            .map(r -> r.label)
                            .collect(Collectors.joining(", "))
                        + "."));
  }
}
