package io.stackwatch.simulator;

import java.time.Duration;

/**
 * One simulated AWS service. {@link AwsSimulator} picks the handler by the service name in the
 * request's SigV4 credential scope, asks it for the operation name (so faults can match and the
 * call can be logged before it runs), then lets it answer. Requests arrive on several threads at
 * once, so a handler must be thread-safe.
 */
public interface ServiceHandler {

  /** The operation the request asks for, e.g. {@code GetMetricData}; empty if it names none. */
  default String operation(SimRequest request) {
    // The Query protocol's action; JSON services name it in X-Amz-Target and say so.
    String action = request.form().get("Action");
    return action == null ? "" : action;
  }

  /**
   * How many billable queries the request carries: the number of MetricDataQueries for CloudWatch
   * GetMetricData, 0 for operations billed per call.
   */
  default int queries(SimRequest request) {
    return 0;
  }

  /**
   * How long the endpoint takes to answer this request, on purpose, beyond computing it: zero
   * unless a service plays a slow endpoint. Asked again while the answer is held, so a setting
   * lowered meanwhile releases it.
   */
  default Duration answerTime(SimRequest request) {
    return Duration.ZERO;
  }

  /** Answers the request; may throw {@link ServiceException} to answer with an AWS error. */
  SimResponse handle(SimRequest request);

  /** Renders an error in this service's wire protocol. */
  SimResponse error(ServiceError error);

  /** The error a throttle fault answers with; services whose code differs override this. */
  default ServiceError throttlingError() {
    return ServiceError.throttling();
  }

  /** The error a server-error fault answers with, HTTP 500. */
  default ServiceError serverError() {
    return ServiceError.internalFailure("We encountered an internal error. Please try again.");
  }

  /** A well-formed answer that holds nothing, for the {@code EMPTY} fault. */
  SimResponse empty(String operation);

  /**
   * The answer of a {@code PARTIAL_DATA} fault; operations without partial answers answer fully.
   */
  default SimResponse partial(SimRequest request) {
    return handle(request);
  }
}
