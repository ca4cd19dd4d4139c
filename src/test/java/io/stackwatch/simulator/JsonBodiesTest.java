package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

/**
 * What the JSON-protocol services (Cost Explorer, CloudWatch Logs, Secrets Manager) answer for
 * bodies that are not one JSON object, and how their JSON answers read on the wire; and what SNS
 * says of a message whose structure is not JSON.
 */
@Tag("simulator")
class JsonBodiesTest {

  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private AwsSimulator sim;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, new TestClock(SimulatorFixture.NOW), SimulatorFixture.SEED);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"TimePeriod\":}",
        "[1,]",
        "{\"a\":1} x",
        "{\"a\":1}{}",
        "{\"a\":\"\u0001\"}",
        "nul",
        "{a:1}",
        "{\"Time",
        "{\"a\":'b'}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":NaN}",
        "{\"a\":1,}",
        "{\"a\":1 /* no comments */}"
      })
  void aBodyThatIsNotJsonIsASerializationException(String body) throws Exception {
    for (String target :
        new String[] {
          "ce:AWSInsightsIndexService.GetCostAndUsage",
          "logs:Logs_20140328.DescribeLogGroups",
          "secretsmanager:secretsmanager.GetSecretValue"
        }) {
      HttpResponse<String> response = post(target, body);
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValue(CONTENT_TYPE);
      assertThat(response.body())
          .startsWith(
              "{\"__type\":\"SerializationException\","
                  + "\"message\":\"The request body is not valid JSON: ")
          .endsWith("\"}");
    }
    assertThat(sim.calls().all())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.errorCode()).isEqualTo("SerializationException"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{}]", "1", "\"{}\"", "null", "true"})
  void aBodyThatIsJsonButNotAnObjectIsASerializationException(String body) throws Exception {
    HttpResponse<String> response = post("ce:AWSInsightsIndexService.GetCostAndUsage", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"__type\":\"SerializationException\","
                + "\"message\":\"The request body must be a JSON object\"}");
  }

  @Test
  void bodiesNestedDeeperThan64AreRefusedAndShallowerOnesRead() throws Exception {
    HttpResponse<String> deep =
        post(
            "ce:AWSInsightsIndexService.GetCostAndUsage",
            "{\"Filter\":" + "[".repeat(100) + "]".repeat(100) + "}");
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(deep.body())
        .startsWith("{\"__type\":\"SerializationException\"")
        .contains("nested too deeply");

    // 60 levels are JSON enough: the filter itself is what Cost Explorer then refuses.
    HttpResponse<String> nested =
        post(
            "ce:AWSInsightsIndexService.GetCostAndUsage",
            "{\"TimePeriod\":{\"Start\":\"2026-11-01\",\"End\":\"2026-11-02\"},"
                + "\"Granularity\":\"DAILY\",\"Metrics\":[\"UnblendedCost\"],\"Filter\":"
                + "{\"Not\":".repeat(58)
                + "{}"
                + "}".repeat(58)
                + "}");
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(nested.body())
        .startsWith("{\"__type\":\"ValidationException\"")
        .contains("Expression has no root");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n\t"})
  void anEmptyBodyIsAnEmptyObject(String body) throws Exception {
    HttpResponse<String> secret = post("secretsmanager:secretsmanager.GetSecretValue", body);
    assertThat(secret.statusCode()).isEqualTo(400);
    assertThat(secret.body())
        .isEqualTo(
            "{\"__type\":\"InvalidParameterException\","
                + "\"message\":\"You must provide a value for the SecretId parameter.\"}");

    HttpResponse<String> groups = post("logs:Logs_20140328.DescribeLogGroups", body);
    assertThat(groups.statusCode()).isEqualTo(200);
    assertThat(groups.body()).startsWith("{\"logGroups\":[{\"logGroupName\":\"/");
  }

  @Test
  void membersOfTheWrongTypeCountAsAbsentAndNullsToo() throws Exception {
    HttpResponse<String> secret =
        post("secretsmanager:secretsmanager.GetSecretValue", "{\"SecretId\":42}");
    assertThat(secret.body()).contains("\"__type\":\"InvalidParameterException\"");

    HttpResponse<String> period =
        post(
            "ce:AWSInsightsIndexService.GetCostAndUsage",
            "{\"TimePeriod\":null,\"Granularity\":\"DAILY\",\"Metrics\":[\"UnblendedCost\"]}");
    assertThat(period.body())
        .isEqualTo(
            "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value"
                + " null at 'timePeriod' failed to satisfy constraint: Member must not be null\"}");

    HttpResponse<String> nullFilter =
        post(
            "ce:AWSInsightsIndexService.GetCostAndUsage",
            "{\"TimePeriod\":{\"Start\":\"2026-11-01\",\"End\":\"2026-11-02\"},"
                + "\"Granularity\":\"DAILY\",\"Metrics\":[\"UnblendedCost\"],"
                + "\"Filter\":null,\"GroupBy\":null}");
    assertThat(nullFilter.statusCode()).isEqualTo(200);
  }

  @Test
  void numbersKeepTheDigitsTheyWereSentWith() throws Exception {
    String forecast =
        "{\"TimePeriod\":{\"Start\":\"2026-11-26\",\"End\":\"2026-11-28\"},"
            + "\"Granularity\":\"DAILY\",\"Metric\":\"UNBLENDED_COST\","
            + "\"PredictionIntervalLevel\":";
    assertThat(post("ce:AWSInsightsIndexService.GetCostForecast", forecast + "50.50}").body())
        .contains("Value '50.50' at 'predictionIntervalLevel'");
    assertThat(post("ce:AWSInsightsIndexService.GetCostForecast", forecast + "1.0E+2}").body())
        .contains("Value '1.0E+2' at 'predictionIntervalLevel'");
    assertThat(post("ce:AWSInsightsIndexService.GetCostForecast", forecast + "\"80\"}").body())
        .contains("Value '80' at 'predictionIntervalLevel'");
    // A fraction is cut to its whole part, as the SDK's integer member would be.
    HttpResponse<String> fraction =
        post("ce:AWSInsightsIndexService.GetCostForecast", forecast + "80.9}");
    assertThat(fraction.statusCode()).isEqualTo(200);
    assertThat(fraction.body()).startsWith("{\"Total\":{\"Amount\":\"");

    HttpResponse<String> events =
        post(
            "logs:Logs_20140328.FilterLogEvents",
            "{\"logGroupName\":\"" + sim.stack().logGroups().get(0).name() + "\",\"limit\":2e0}");
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body().split("\"eventId\"")).hasSize(3);
  }

  @Test
  void answersAreCompactJsonWithStringsEscaped() throws Exception {
    sim.secretsManager().put("db", "{\"password\":\"p\\\"w\n\t\u0001</script>é\"}");
    HttpResponse<String> response =
        post("secretsmanager:secretsmanager.GetSecretValue", "{\"SecretId\":\"db\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(CONTENT_TYPE);
    assertThat(response.body())
        .isEqualTo(
            "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf\","
                + "\"Name\":\"db\",\"VersionId\":\"00000000-0000-0000-0000-000000000001\","
                + "\"SecretString\":"
                + "\"{\\\"password\\\":\\\"p\\\\\\\"w\\n\\t\\u0001</script>é\\\"}\","
                + "\"VersionStages\":[\"AWSCURRENT\"]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{", "{\"default\":\"a\"} x", "not json", "{\"default\":\"\u0001\"}", "  "})
  void snsRefusesAJsonStructuredMessageThatIsNotJson(String message) {
    try (SnsClient sns = SimulatorFixture.sns(sim)) {
      String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
      assertThatThrownBy(
              () -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message(message)))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageStartingWith(
              "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"default\"", "{\"default\":1}", "{\"Default\":\"a\"}", "null"})
  void snsRefusesAJsonStructuredMessageWithoutADefaultString(String message) {
    try (SnsClient sns = SimulatorFixture.sns(sim)) {
      String topic = sns.createTopic(r -> r.name("alerts")).topicArn();
      assertThatThrownBy(
              () -> sns.publish(r -> r.topicArn(topic).messageStructure("json").message(message)))
          .isInstanceOf(InvalidParameterException.class)
          .hasMessageStartingWith(
              "Invalid parameter: Message Structure - No default entry in JSON message body");
      sns.publish(
          r -> r.topicArn(topic).messageStructure("json").message("{\"default\":\"hello\"}"));
      assertThat(sim.sns().published()).singleElement();
    }
  }

  /** A signed POST to one service; {@code target} is {@code service:X-Amz-Target}. */
  private HttpResponse<String> post(String target, String body) throws Exception {
    String service = target.substring(0, target.indexOf(':'));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(sim.endpoint())
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/"
                        + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", target.substring(service.length() + 1))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
