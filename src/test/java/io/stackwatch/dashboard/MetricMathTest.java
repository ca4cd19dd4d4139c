package io.stackwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.series.Points;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
class MetricMathTest {

  private static Points points(long[] t, double... v) {
    return new Points(t, v);
  }

  @Test
  void aRatioIsComputedAtTheTimesBothInputsShareAndNotWhereItIsUndefined() {
    Expression rate = Expression.parse("100 * api.5xx / api.requests");
    Points errors = points(new long[] {60, 120, 180, 240}, 1, 2, 0, 5);
    Points requests = points(new long[] {60, 120, 180}, 50, 0, 10);

    Points out =
        MetricMath.evaluate(
            rate, Map.of("api.5xx", List.of(errors), "api.requests", List.of(requests)));

    // 120: a ratio of nothing; 240: no request count then.
    assertThat(out.epochSeconds()).containsExactly(60, 180);
    assertThat(out.values()).containsExactly(2, 0);
  }

  @Test
  void anAggregateReadsEverySeriesItsPatternMatches() {
    Expression hitRatio =
        Expression.parse("100 * sum(cache.*.hits) / (sum(cache.*.hits) + sum(cache.*.misses))");
    long[] t = {60, 120};
    Map<String, List<Points>> in =
        Map.of(
            "cache.*.hits", List.of(points(t, 90, 80), points(t, 70, 60)),
            "cache.*.misses", List.of(points(t, 10, 20), points(new long[] {60}, 30)));

    Points out = MetricMath.evaluate(hitRatio, in);

    // At 120 the second node's misses are missing: no point rather than a wrong one.
    assertThat(out.epochSeconds()).containsExactly(60);
    assertThat(out.values()).containsExactly(80);
  }

  @ParameterizedTest
  @CsvSource({
    "1 + 2 * 3, 7",
    "(1 + 2) * 3, 9",
    "10 - 4 - 3, 3",
    "-2 * -3, 6",
    "8 / 2 / 2, 2",
    "max(x.*) - min(x.*), 4",
    "avg(x.*), 3"
  })
  void precedenceAndFunctions(String text, double expected) {
    double v = Expression.parse(text).evaluate(ref -> new double[] {1, 3, 5});
    assertThat(v).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 +                | unexpected end at character 4 of "1 +"
          median(x.*)        | unknown function "median" (expected sum, avg, min or max) at character 7 of "median(x.*)"
          api                | "api" is not a series id such as api.requests at character 4 of "api"
          1 2                | unexpected "2" at character 3 of "1 2"
          """)
  void aBadExpressionSaysWhatAndWhere(String text, String message) {
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void patternsMatchWholeIds() {
    assertThat(Panel.matches("sqs.*-dlq.visible", "sqs.prod-email-dlq.visible")).isTrue();
    assertThat(Panel.matches("sqs.*-dlq.visible", "sqs.prod-email.visible")).isFalse();
    assertThat(Panel.matches("lambda.*.errors", "lambda.prod-api.errors")).isTrue();
    assertThat(Panel.matches("rds.cpu", "rds.cpu_high")).isFalse();
    assertThat(Panel.matches("a*a", "a")).isFalse();
  }
}
