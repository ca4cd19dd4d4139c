package io.stackwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.cloudwatch.CloudWatchCollector;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every AWS call a poll makes through the real SDK clients is one the IAM policy allows. */
@QuarkusTest
class PollCallsListedTest {

  @Inject CloudWatchCollector collector;
  @Inject ApiCallMeter meter;
  @Inject TestClock clock;

  @Test
  void aPollMakesOnlyListedCalls() {
    clock.advance(Duration.ofMinutes(5));
    collector.poll();

    assertThat(meter.calls()).isNotEmpty();
    assertThat(meter.calls())
        .allSatisfy(
            c ->
                assertThat(
                        AwsPermissions.isListed(
                            c.key().operation().service(), c.key().operation().operation()))
                    .as(c.key().operation() + " is listed in AwsPermissions")
                    .isTrue());
    assertThat(meter.unlisted()).isEmpty();
  }
}
