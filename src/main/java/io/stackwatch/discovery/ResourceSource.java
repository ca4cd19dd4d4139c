package io.stackwatch.discovery;

import io.stackwatch.catalog.AwsTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where stackwatch finds what an environment holds: its tagged resources, their metrics and which
 * queues are dead-letter queues.
 */
public interface ResourceSource {

  /**
   * The ARNs of the resources of some services tagged {@code key=value}, every page read.
   *
   * @param services resource type filters, by service ({@code rds}) or type ({@code
   *     ec2:natgateway})
   * @throws Failure when the source refused or did not answer
   */
  List<String> tagged(AwsTarget target, String key, String value, List<String> services);

  /**
   * The dimension sets a metric is published with, every page read.
   *
   * @throws Failure when the source refused or did not answer
   */
  List<Map<String, String>> dimensions(AwsTarget target, String namespace, String metric);

  /**
   * The name of the queue a queue's redrive policy sends failed messages to, if it has one.
   *
   * @param queueArn the queue, as the tagging API lists it
   * @throws Failure when the source refused or did not answer
   */
  Optional<String> deadLetterQueue(AwsTarget target, String queueArn);

  /** The source failed; the message says why in words an operator can act on. */
  final class Failure extends RuntimeException {
    private final boolean refused;

    /**
     * @param refused the source answered that it does not take this request (such as a service its
     *     tagging API does not know), rather than failing to answer
     */
    public Failure(String message, boolean refused) {
      super(message);
      this.refused = refused;
    }

    public boolean refused() {
      return refused;
    }
  }
}
