package io.stackwatch.web.page;

import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The time ranges the environment page draws: {@code ?range=1h}, {@code 6h} or {@code 24h}. */
enum Range {
  H1("1h", Duration.ofHours(1)),
  H6("6h", Duration.ofHours(6)),
  H24("24h", Duration.ofHours(24));

  static final Range DEFAULT = H6;

  final String label;
  final Duration duration;

  Range(String label, Duration duration) {
    this.label = label;
    this.duration = duration;
  }

  /**
   * The range a query parameter names; none is the default.
   *
   * @throws BadRequestException naming the choices, for anything else
   */
  static Range parse(String value) {
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
