package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwatch.simulator.StackResource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Simulated SQS ({@code sqs}, AWS JSON 1.0, target prefix {@code AmazonSQS}): GetQueueAttributes of
 * the {@link SimulatedStack}'s queues, {@code QueueArn} and, for a queue with a dead-letter queue,
 * {@code RedrivePolicy} as SQS writes it (a JSON string holding {@code deadLetterTargetArn} and
 * {@code maxReceiveCount}). The queue is read from the URL's last two segments (account and name)
 * in the request's region; a queue the stack does not hold, or another account's, answers {@code
 * QueueDoesNotExist}. Other operations answer {@code UnsupportedOperation}.
 */
public final class SqsHandler implements ServiceHandler {

  /** The {@code X-Amz-Target} prefix of SQS operations. */
  public static final String TARGET_PREFIX = "AmazonSQS";

  /** What the stack's redrive policies allow before a message goes to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 5;

  private static final Set<String> ATTRIBUTES =
      Set.of(
          "All",
          "Policy",
          "VisibilityTimeout",
          "MaximumMessageSize",
          "MessageRetentionPeriod",
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "CreatedTimestamp",
          "LastModifiedTimestamp",
          "QueueArn",
          "ApproximateNumberOfMessagesDelayed",
          "DelaySeconds",
          "ReceiveMessageWaitTimeSeconds",
          "RedrivePolicy",
          "FifoQueue",
          "ContentBasedDeduplication",
          "KmsMasterKeyId",
          "KmsDataKeyReusePeriodSeconds",
          "DeduplicationScope",
          "FifoThroughputLimit",
          "RedriveAllowPolicy",
          "SqsManagedSseEnabled");

  private final JsonProtocol protocol =
      new JsonProtocol(TARGET_PREFIX, JsonProtocol.CONTENT_TYPE_1_0);
  private final SimulatedStack stack;

  SqsHandler(SimulatedStack stack) {
    this.stack = stack;
  }

  @Override
  public String operation(SimRequest request) {
    return protocol.operation(request);
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String operation = operation(request);
    if (!operation.equals("GetQueueAttributes")) {
      throw ServiceException.sender(
          "UnsupportedOperation",
          "The operation "
              + operation
              + " is not simulated; the simulator answers"
              + " GetQueueAttributes");
    }
    ObjectNode body = protocol.body(request);
    JsonNode url = body.get("QueueUrl");
    if (url == null || !url.isTextual() || url.asText().isEmpty()) {
      throw ServiceException.sender(
          "MissingParameter", "The request must contain the parameter QueueUrl.");
    }
    List<String> asked = new ArrayList<>();
    JsonNode names = body.get("AttributeNames");
    if (names != null) {
      for (JsonNode n : names) {
        if (!ATTRIBUTES.contains(n.asText())) {
          throw ServiceException.sender(
              "InvalidAttributeName", "Unknown Attribute " + n.asText() + ".");
        }
        asked.add(n.asText());
      }
    }
    String region = request.region() == null ? SimulatedStack.DEFAULT_REGION : request.region();
    StackResource queue = queue(url.asText(), region);
    String account = stack.account();
    return protocol.result(
        json -> {
          ObjectNode attributes = json.putObject("Attributes");
          if (asked.contains("All") || asked.contains("QueueArn")) {
            attributes.put("QueueArn", queue.arn(account));
          }
          if ((asked.contains("All") || asked.contains("RedrivePolicy"))
              && queue.deadLetterQueue() != null) {
            ObjectNode policy =
                StrictJson.object()
                    .put(
                        "deadLetterTargetArn",
                        "arn:aws:sqs:" + region + ":" + account + ":" + queue.deadLetterQueue())
                    .put("maxReceiveCount", MAX_RECEIVE_COUNT);
            attributes.put("RedrivePolicy", StrictJson.write(policy));
          }
        });
  }

  /** The queue a URL names: {@code https://sqs.<region>.amazonaws.com/<account>/<name>}. */
  private StackResource queue(String url, String region) {
    String[] parts = url.split("/");
    String name = parts[parts.length - 1];
    String account = parts.length >= 2 ? parts[parts.length - 2] : "";
    return stack.resources().stream()
        .filter(r -> r.kind() == Kind.QUEUE && r.name().equals(name) && r.region().equals(region))
        .filter(r -> account.equals(stack.account()))
        .findFirst()
        .orElseThrow(
            () ->
                ServiceException.sender(
                    "QueueDoesNotExist",
                    "The specified queue does not exist or you do not have access to it."));
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(json -> {});
  }
}
