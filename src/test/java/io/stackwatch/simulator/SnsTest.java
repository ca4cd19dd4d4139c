package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.stackwatch.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Topic;

@Tag("simulator")
class SnsTest {

  private static final String ALERTS = "arn:aws:sns:us-east-1:000000000000:prod-alerts";

  private TestClock clock;
  private AwsSimulator sim;
  private SnsClient sns;

  @BeforeEach
  void start() {
    clock = new TestClock(SimulatorFixture.NOW);
    sim = AwsSimulator.start(0, clock, SimulatorFixture.SEED);
    sns = SimulatorFixture.sns(sim);
  }

  @AfterEach
  void stop() {
    sns.close();
    sim.close();
  }

  @Test
  void createTopicIsIdempotentAndTheTopicIsListed() {
    String arn = sns.createTopic(r -> r.name("prod-alerts")).topicArn();
    assertThat(arn).isEqualTo(ALERTS);
    assertThat(sns.createTopic(r -> r.name("prod-alerts")).topicArn()).isEqualTo(arn);
    assertThat(sns.listTopics().topics()).extracting(Topic::topicArn).containsExactly(ALERTS);
    assertThat(sim.sns().topics()).containsExactly(ALERTS);
    assertThat(sim.sns().ensureTopic("us-east-1", "prod-alerts")).isEqualTo(ALERTS);
    assertThat(sim.sns().ensureTopic("eu-west-1", "prod-alerts"))
        .isEqualTo("arn:aws:sns:eu-west-1:000000000000:prod-alerts");
    // ListTopics answers for the region the request is signed for.
    assertThat(sns.listTopics().topics()).hasSize(1);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::service, CallLog.Call::operation)
        .containsExactly(
            tuple("sns", "CreateTopic"),
            tuple("sns", "CreateTopic"),
            tuple("sns", "ListTopics"),
            tuple("sns", "ListTopics"));
  }

  @Test
  void badTopicNamesAreInvalidParameters() {
    assertThatThrownBy(() -> sns.createTopic(r -> r.name("prod alerts")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Invalid parameter: Topic Name");
    assertThatThrownBy(
            () -> sns.createTopic(r -> r.name("alerts").attributes(Map.of("FifoTopic", "true"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Fifo Topic names must end with .fifo");
  }

  @Test
  void listTopicsPagesByAHundredAndTheSdkPaginatorFollows() {
    for (int i = 0; i < 150; i++) {
      sim.sns().ensureTopic("us-east-1", "topic-" + i);
    }
    List<String> arns = new ArrayList<>();
    sns.listTopicsPaginator().topics().forEach(t -> arns.add(t.topicArn()));

    assertThat(arns).hasSize(150).doesNotHaveDuplicates().containsAll(sim.sns().topics());
    assertThat(sim.calls().count("sns", "ListTopics")).isEqualTo(2);
    assertThatThrownBy(() -> sns.listTopics(r -> r.nextToken("not-a-token")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void publishKeepsTheMessageWithSubjectAndAttributes() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    PublishResponse response =
        sns.publish(
            r ->
                r.topicArn(ALERTS)
                    .subject("[ALARM] prod: RDS CPU > 80%")
                    .message("db CPU 91 % since 03:12 UTC\nsecond line & more")
                    .messageAttributes(
                        Map.of(
                            "environment",
                            MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("prod")
                                .build(),
                            "alarms",
                            MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("3")
                                .build(),
                            "digest",
                            MessageAttributeValue.builder()
                                .dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("abc"))
                                .build())));

    assertThat(response.messageId()).isNotBlank();
    assertThat(response.sequenceNumber()).isNull();
    assertThat(sim.sns().published())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.messageId()).isEqualTo(response.messageId());
              assertThat(m.topicArn()).isEqualTo(ALERTS);
              assertThat(m.subject()).isEqualTo("[ALARM] prod: RDS CPU > 80%");
              assertThat(m.message()).isEqualTo("db CPU 91 % since 03:12 UTC\nsecond line & more");
              assertThat(m.attribute("environment")).isEqualTo("prod");
              assertThat(m.attributes().get("alarms"))
                  .isEqualTo(new PublishedMessage.Attribute("Number", "3"));
              assertThat(m.attributes().get("digest").value()).isEqualTo("YWJj");
              assertThat(m.groupId()).isNull();
              assertThat(m.at()).isEqualTo(SimulatorFixture.NOW);
            });
    assertThat(sim.calls().count("sns", "Publish")).isEqualTo(1);
  }

  @Test
  void publishingToATopicThatDoesNotExistIsNotFound() {
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).message("hello")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
            });
    assertThat(sim.sns().published()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "two\nlines", "tab\there", "carriage\rreturn"})
  void emptySubjectsAndSubjectsWithControlCharactersAreRefused(String subject) {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).subject(subject).message("m")))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Invalid parameter: Subject");
            });
  }

  @Test
  void subjectsMayBeAHundredCharactersButNoMore() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    sns.publish(r -> r.topicArn(ALERTS).subject("s".repeat(100)).message("m"));
    assertThatThrownBy(
            () -> sns.publish(r -> r.topicArn(ALERTS).subject("s".repeat(101)).message("m")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Invalid parameter: Subject");
    assertThat(sim.sns().published()).hasSize(1);
  }

  @Test
  void messagesOver256KibAttributesIncludedAreTooLong() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    Map<String, MessageAttributeValue> attribute =
        Map.of(
            "env", MessageAttributeValue.builder().dataType("String").stringValue("prod").build());
    int attributeBytes = "env".length() + "String".length() + "prod".length();
    // "é" is two bytes in UTF-8: sizes count bytes, not characters.
    String fits = "é".repeat(1000) + "x".repeat(262_144 - attributeBytes - 2000);
    sns.publish(r -> r.topicArn(ALERTS).message(fits).messageAttributes(attribute));

    assertThatThrownBy(
            () ->
                sns.publish(
                    r -> r.topicArn(ALERTS).message(fits + "x").messageAttributes(attribute)))
        .isInstanceOfSatisfying(
            InvalidParameterException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: Message too long"));
    assertThat(sim.sns().published()).hasSize(1);
  }

  @Test
  void fifoTopicsNeedAGroupAndDropDuplicatesForFiveMinutes() {
    String arn =
        sns.createTopic(r -> r.name("prod-alerts.fifo").attributes(Map.of("FifoTopic", "true")))
            .topicArn();
    assertThatThrownBy(
            () -> sns.publish(r -> r.topicArn(arn).message("m").messageDeduplicationId("d1")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The MessageGroupId parameter is required for FIFO topics");
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(arn).message("m").messageGroupId("prod")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("ContentBasedDeduplication");

    PublishResponse first =
        sns.publish(
            r ->
                r.topicArn(arn)
                    .message("summary 1")
                    .messageGroupId("prod")
                    .messageDeduplicationId("d1"));
    clock.advance(Duration.ofMinutes(4));
    PublishResponse again =
        sns.publish(
            r ->
                r.topicArn(arn)
                    .message("summary 1")
                    .messageGroupId("prod")
                    .messageDeduplicationId("d1"));
    PublishResponse other =
        sns.publish(
            r ->
                r.topicArn(arn)
                    .message("summary 2")
                    .messageGroupId("prod")
                    .messageDeduplicationId("d2"));

    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(again.sequenceNumber()).isEqualTo(first.sequenceNumber());
    assertThat(first.sequenceNumber()).hasSize(20);
    assertThat(other.sequenceNumber()).isGreaterThan(first.sequenceNumber());
    assertThat(sim.sns().published(arn))
        .extracting(
            PublishedMessage::message, PublishedMessage::groupId, PublishedMessage::deduplicationId)
        .containsExactly(tuple("summary 1", "prod", "d1"), tuple("summary 2", "prod", "d2"));

    // Five minutes after the first, the same ID is a new message.
    clock.advance(Duration.ofMinutes(1));
    PublishResponse later =
        sns.publish(
            r ->
                r.topicArn(arn)
                    .message("summary 1")
                    .messageGroupId("prod")
                    .messageDeduplicationId("d1"));
    assertThat(later.messageId()).isNotEqualTo(first.messageId());
    assertThat(sim.sns().published(arn)).hasSize(3);
  }

  @Test
  void contentBasedDeduplicationUsesTheMessageBody() {
    String arn =
        sns.createTopic(
                r ->
                    r.name("alerts.fifo")
                        .attributes(
                            Map.of("FifoTopic", "true", "ContentBasedDeduplication", "true")))
            .topicArn();
    String id = sns.publish(r -> r.topicArn(arn).message("same").messageGroupId("g")).messageId();
    assertThat(sns.publish(r -> r.topicArn(arn).message("same").messageGroupId("g")).messageId())
        .isEqualTo(id);
    assertThat(sim.sns().published()).hasSize(1);
    assertThat(sim.sns().published().get(0).deduplicationId()).hasSize(64);
  }

  @Test
  void standardTopicsTakeAGroupIdButNoDeduplicationId() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    sns.publish(r -> r.topicArn(ALERTS).message("m").messageGroupId("tenant-1"));
    assertThat(sim.sns().published().get(0).groupId()).isEqualTo("tenant-1");
    assertThatThrownBy(
            () -> sns.publish(r -> r.topicArn(ALERTS).message("m").messageDeduplicationId("d")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("MessageDeduplicationId");
  }

  @Test
  void attributesWithoutAValidTypeAreInvalidParameterValues() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    assertThatThrownBy(
            () ->
                sns.publish(
                    r ->
                        r.topicArn(ALERTS)
                            .message("m")
                            .messageAttributes(
                                Map.of(
                                    "env",
                                    MessageAttributeValue.builder()
                                        .dataType("Text")
                                        .stringValue("prod")
                                        .build()))))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterValueInvalid"));
  }

  @Test
  void faultsAnswerWithSnsErrorCodes() {
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    sim.faults().throttle("sns", "Publish").times(1);
    sim.faults().serverError("sns", "Publish").times(1);

    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).message("m")))
        .isInstanceOfSatisfying(
            SnsException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
              assertThat(e.isThrottlingException()).isTrue();
            });
    assertThatThrownBy(() -> sns.publish(r -> r.topicArn(ALERTS).message("m")))
        .isInstanceOfSatisfying(
            InternalErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    sns.publish(r -> r.topicArn(ALERTS).message("m"));
    assertThat(sim.sns().published()).hasSize(1);
    assertThat(sim.calls().all())
        .extracting(CallLog.Call::status, CallLog.Call::errorCode)
        .containsExactly(tuple(400, "Throttling"), tuple(500, "InternalError"), tuple(200, null));
  }
}
