package io.stackwatch.notify.outbox;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * {@link Notifier} over SNS Publish, through the real SDK client of the topic's region with the
 * credentials of the message's environment. The client retries throttling and server errors with
 * backoff and jitter itself; what still fails comes back as a {@link PublishException}.
 */
public final class SnsNotifier implements Notifier {

  /**
   * SNS's answers to a message it will not take, however often it is sent: an invalid message, a
   * topic that does not exist, a permission that is missing. They need a person, not a retry, so
   * the message is marked failed with the reason and the topic's later messages go on.
   */
  private static final Set<String> REFUSED =
      Set.of(
          "InvalidParameter",
          "InvalidParameterValue",
          "ParameterValueInvalid",
          "ValidationError",
          "NotFound",
          "NotFoundException",
          "AuthorizationError",
          "AuthorizationErrorException",
          "InvalidClientTokenId");

  private final Function<AwsTarget, SnsClient> clients;
  private final Function<String, AwsTarget> credentials;

  /**
   * @param clients the SNS client of a target, such as {@code AwsClients::sns}
   * @param credentials the target whose credentials publish an environment's messages
   */
  public SnsNotifier(
      Function<AwsTarget, SnsClient> clients, Function<String, AwsTarget> credentials) {
    this.clients = clients;
    this.credentials = credentials;
  }

  /**
   * Publishes with stackwatch's SNS clients, with the credentials (role) of each message's
   * environment.
   */
  public static SnsNotifier over(AwsClients clients, Catalog catalog) {
    return new SnsNotifier(
        clients::sns,
        environment ->
            catalog
                .find(environment)
                .map(Environment::target)
                // An environment since removed from configuration: the default credentials.
                .orElse(new AwsTarget("us-east-1", Optional.empty(), Optional.empty())));
  }

  @Override
  public String publish(OutboxMessage m) {
    AwsTarget account = credentials.apply(m.environment());
    // A topic may live in another region than the environment's metrics.
    AwsTarget target =
        new AwsTarget(m.topicArn().split(":", -1)[3], account.roleArn(), account.externalId());
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    m.attributes()
        .forEach(
            (name, value) ->
                attributes.put(
                    name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    PublishRequest.Builder request =
        PublishRequest.builder()
            .topicArn(m.topicArn())
            .subject(m.subject())
            .message(m.body())
            .messageAttributes(attributes);
    if (m.fifo()) {
      request.messageGroupId(m.groupId()).messageDeduplicationId(m.deduplicationId());
    }
    try {
      String id = clients.apply(target).publish(request.build()).messageId();
      if (id == null || id.isEmpty()) {
        // Without a MessageId nobody can say SNS took it: it stays pending and is tried again.
        throw new PublishException("SNS answered Publish without a MessageId", false, null);
      }
      return id;
    } catch (SdkException e) {
      throw new PublishException(AwsErrors.describe(e), refused(e), e);
    }
  }

  @Override
  public Optional<String> check(Topic topic) {
    AwsTarget account = credentials.apply(topic.environment());
    AwsTarget target = new AwsTarget(topic.region(), account.roleArn(), account.externalId());
    try {
      clients.apply(target).getTopicAttributes(r -> r.topicArn(topic.arn()));
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of(AwsErrors.describe(e));
    }
  }

  private static boolean refused(SdkException e) {
    return e instanceof AwsServiceException s
        && s.statusCode() >= 400
        && s.statusCode() < 500
        && !s.isThrottlingException()
        && s.awsErrorDetails() != null
        && REFUSED.contains(s.awsErrorDetails().errorCode());
  }
}
