package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.simulator.SimulatedStack.Naming;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** SQS tells a queue's dead-letter queue in its RedrivePolicy, as a JSON string. */
@Tag("simulator")
class QueueAttributesTest {

  private AwsSimulator sim;
  private SqsClient sqs;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, SimulatorFixture.fixedClock(), SimulatorFixture.SEED);
    sim.stack().naming(Naming.UNCONVENTIONAL);
    sqs = SimulatorFixture.sqs(sim);
  }

  @AfterEach
  void stop() {
    sqs.close();
    sim.close();
  }

  private Map<QueueAttributeName, String> attributes(String name, QueueAttributeName... asked) {
    return sqs.getQueueAttributes(
            r ->
                r.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/" + name)
                    .attributeNames(asked))
        .attributes();
  }

  @Test
  void aQueueWithADeadLetterQueueNamesItInItsRedrivePolicy() {
    assertThat(attributes("jobs", QueueAttributeName.REDRIVE_POLICY))
        .containsExactly(
            Map.entry(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:jobs-failed\","
                    + "\"maxReceiveCount\":5}"));
    assertThat(attributes("jobs-failed", QueueAttributeName.ALL))
        .containsOnlyKeys(QueueAttributeName.QUEUE_ARN)
        .containsEntry(
            QueueAttributeName.QUEUE_ARN, "arn:aws:sqs:us-east-1:000000000000:jobs-failed");
  }

  @Test
  void aQueueTheStackDoesNotHoldOrAnotherAccountsDoesNotExist() {
    assertThatThrownBy(() -> attributes("prod-processing", QueueAttributeName.REDRIVE_POLICY))
        .isInstanceOf(QueueDoesNotExistException.class)
        .hasMessageContaining("The specified queue does not exist");
    assertThatThrownBy(
            () ->
                sqs.getQueueAttributes(
                    r -> r.queueUrl("https://sqs.us-east-1.amazonaws.com/123456789012/jobs")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                sqs.getQueueAttributes(
                    r ->
                        r.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/jobs")
                            .attributeNamesWithStrings("Redrive")))
        .isInstanceOf(InvalidAttributeNameException.class)
        .hasMessageContaining("Unknown Attribute Redrive");
  }
}
