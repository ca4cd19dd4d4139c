package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.TestClock;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The Query-protocol answers on the wire: no XML declaration, the service's namespace on the root,
 * text escaped so that what a caller sent comes back as sent, whatever markup it holds.
 */
@Tag("simulator")
class XmlAnswersTest {

  private static final String MARKUP = "<b>\"Tom\" & 'Jerry'</b> ]]>";
  private static final String ESCAPED = "&lt;b&gt;\"Tom\" &amp; 'Jerry'&lt;/b&gt; ]]&gt;";

  private AwsSimulator sim;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, new TestClock(SimulatorFixture.NOW), SimulatorFixture.SEED);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aResultIsTheActionsResponseInTheServicesNamespace() throws Exception {
    HttpResponse<String> response = post("sns", "Action=CreateTopic&Name=alerts");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
    assertThat(response.body())
        .matches(
            "<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<CreateTopicResult>"
                + "<TopicArn>arn:aws:sns:us-east-1:000000000000:alerts</TopicArn>"
                + "</CreateTopicResult>"
                + "<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata>"
                + "</CreateTopicResponse>");
  }

  @Test
  void markupACallerSentIsEscapedInAnErrorMessage() throws Exception {
    HttpResponse<String> response =
        post("sts", "Action=AssumeRole&RoleSessionName=s&RoleArn=" + encode(MARKUP));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .matches(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<Error><Type>Sender</Type><Code>ValidationError</Code>"
                + "<Message>\\QValue '"
                + ESCAPED
                + "' at 'roleArn' failed to satisfy constraint\\E</Message></Error>"
                + "<RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>");
    assertThat(parse(response.body()).getElementsByTagName("Message").item(0).getTextContent())
        .isEqualTo("Value '" + MARKUP + "' at 'roleArn' failed to satisfy constraint");
  }

  @Test
  void markupInALabelComesBackAsSent() throws Exception {
    String query = "MetricDataQueries.member.1.";
    HttpResponse<String> response =
        post(
            "monitoring",
            "Action=GetMetricData&Version=2010-08-01"
                + "&StartTime=2026-11-26T11%3A00%3A00Z&EndTime=2026-11-26T12%3A00%3A00Z"
                + ("&" + query + "Id=q1")
                + ("&" + query + "Label=" + encode(MARKUP))
                + ("&" + query + "MetricStat.Metric.Namespace=AWS%2FRDS")
                + ("&" + query + "MetricStat.Metric.MetricName=CPUUtilization")
                + ("&" + query + "MetricStat.Metric.Dimensions.member.1.Name=DBInstanceIdentifier")
                + ("&" + query + "MetricStat.Metric.Dimensions.member.1.Value=prod-db")
                + ("&" + query + "MetricStat.Period=60&" + query + "MetricStat.Stat=Average"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith(
            "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<GetMetricDataResult><MetricDataResults><member><Id>q1</Id>"
                + "<Label>"
                + ESCAPED
                + "</Label><Timestamps><member>2026-11-26T11:59:00Z</member>")
        .contains("</Timestamps><Values><member>")
        .contains("</Values><StatusCode>Complete</StatusCode></member></MetricDataResults>")
        .contains("<Messages/></GetMetricDataResult>");

    try (CloudWatchClient cw = SimulatorFixture.clientWithoutRetries(sim)) {
      assertThat(
              cw.getMetricData(
                      SimulatorFixture.lastHour(
                          SimulatorFixture.rdsCpu("q1", "prod-db").toBuilder()
                              .label(MARKUP)
                              .build()))
                  .metricDataResults())
          .singleElement()
          .satisfies(r -> assertThat(r.label()).isEqualTo(MARKUP));
    }
  }

  @Test
  void ec2WritesEmptyListsAsEmptyElementsAndEmptyTextAsAPair() throws Exception {
    HttpResponse<String> groups = post("ec2", "Action=DescribeSecurityGroups&Version=2016-11-15");
    assertThat(groups.body())
        .startsWith(
            "<DescribeSecurityGroupsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">")
        .contains("<ipv6Ranges/><prefixListIds/></item>");
    HttpResponse<String> volumes = post("ec2", "Action=DescribeVolumes&Version=2016-11-15");
    assertThat(volumes.body()).contains("<snapshotId></snapshotId>");

    HttpResponse<String> error =
        post("ec2", "Action=DescribeVolumes&Version=2016-11-15&MaxResults=" + encode("<1>"));
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.body())
        .matches(
            "<Response><Errors><Error><Code>InvalidParameterValue</Code>"
                + "<Message>Value \\( &lt;1&gt; \\) for parameter maxResults is invalid\\."
                + " Expecting a value between 5 and 1000\\.</Message></Error></Errors>"
                + "<RequestID>[0-9a-f-]{36}</RequestID></Response>");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newDefaultInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
  }

  /** A signed form POST to one Query-protocol service. */
  private HttpResponse<String> post(String service, String form) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(sim.endpoint())
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/"
                        + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
