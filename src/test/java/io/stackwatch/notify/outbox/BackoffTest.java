package io.stackwatch.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outbox's wait between Publish attempts: doubling, capped, half of it jitter. */
@Tag("plain")
class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

  @ParameterizedTest(name = "after {0} failures: {1} s to {2} s")
  @CsvSource({"1, 5, 10", "2, 10, 20", "3, 20, 40", "5, 80, 160", "6, 150, 300", "30, 150, 300"})
  void doublesUpToTheCapWithHalfOfItRandom(int failures, long shortest, long longest) {
    assertThat(backoff.after(failures, 0.0)).isEqualTo(Duration.ofSeconds(shortest));
    assertThat(backoff.after(failures, 0.999999))
        .isBetween(Duration.ofSeconds(longest).minusMillis(1), Duration.ofSeconds(longest));
  }
}
