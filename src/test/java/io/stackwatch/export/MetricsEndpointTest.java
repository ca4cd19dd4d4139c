package io.stackwatch.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.stackwatch.TestClock;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} as Prometheus reads it: checked by promtool's own parser. */
@QuarkusTest
class MetricsEndpointTest {

  @Inject PollJob job;
  @Inject TestClock clock;

  @Test
  void parsesAsPrometheusTextAndHoldsTheCollectedSeries() throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();

    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();

    // Exit 1 is a parse error. Exit 3 is lint advice only: the exporter-compatible names keep
    // CloudWatch's CamelCase dimension labels and "_sum" statistic suffixes on purpose.
    Promtool.Result check = Promtool.run(body, "check", "metrics");
    assertThat(check.exitCode()).as("promtool check metrics:\n" + check.output()).isIn(0, 3);
    assertThat(check.output()).doesNotContain("error while linting");
    assertThat(body)
        .containsPattern(
            "aws_rds_cpuutilization_average\\{dimension_DBInstanceIdentifier=\"prod-db\",region=\"us-east-1\",environment=\"prod\"\\} [0-9.]+")
        .containsPattern(
            "aws_apigateway_latency_p99\\{dimension_ApiId=\"staging-http-api\",dimension_Stage=\"\\$default\",")
        .containsPattern(
            "stackwatch_cache_hit_ratio\\{region=\"us-east-1\",environment=\"dev\"\\} 0\\.9")
        .contains("stackwatch_series{environment=\"prod\"}")
        .contains("stackwatch_data_stale{environment=\"dev\"} 0.0")
        .containsPattern(
            "stackwatch_last_poll_success_timestamp_seconds\\{environment=\"staging\"\\} [0-9.E]+")
        .containsPattern(
            "stackwatch_aws_requests_total\\{service=\"CloudWatch\",operation=\"GetMetricData\",outcome=\"success\"\\} [1-9]")
        .containsPattern(
            "stackwatch_aws_cost_usd_total\\{service=\"CloudWatch\",operation=\"GetMetricData\"\\} [0-9.E-]+")
        .contains("stackwatch_poll_duration_seconds_count");
  }

  @Test
  void aSeriesWithoutRecentDatapointsLeavesTheExportUntilItHasOneAgain() {
    clock.advance(Duration.ofMinutes(5));
    job.run().poll();
    assertThat(given().get("/q/metrics").asString()).contains("aws_rds_cpuutilization_average{");

    // Forty minutes without a poll: nothing recent to show, and the data is stale.
    clock.advance(Duration.ofMinutes(40));
    String old = given().get("/q/metrics").asString();
    assertThat(old)
        .doesNotContain("aws_rds_cpuutilization_average{")
        .contains("stackwatch_data_stale{environment=\"prod\"} 1.0");

    job.run().poll();
    assertThat(given().get("/q/metrics").asString()).contains("aws_rds_cpuutilization_average{");
  }

  /** Runs Debian's promtool; a missing promtool fails the test rather than skipping it. */
  static final class Promtool {
    record Result(int exitCode, String output) {}

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
      String[] command = new String[args.length + 1];
      command[0] = "promtool";
      System.arraycopy(args, 0, command, 1, args.length);
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new AssertionError(
            "promtool is required (Debian package prometheus; .ci/run installs it)", e);
      }
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    }
  }
}
