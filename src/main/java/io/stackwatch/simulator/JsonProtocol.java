package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * The envelope of AWS's JSON protocol, 1.1 (Cost Explorer, CloudWatch Logs, the tagging API) or 1.0
 * (SQS): a POST to {@code /} whose {@code X-Amz-Target} header names {@code
 * <TargetPrefix>.<Operation>}, a JSON object as body, and errors as {@code
 * {"__type":"LimitExceededException","message":"..."}}.
 */
public final class JsonProtocol {

  /** The Content-Type of JSON 1.1 requests and responses. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  /** The Content-Type of JSON 1.0 requests and responses. */
  public static final String CONTENT_TYPE_1_0 = "application/x-amz-json-1.0";

  private final String targetPrefix;
  private final String contentType;

  /**
   * @param targetPrefix the part of {@code X-Amz-Target} before the dot, e.g. {@code
   *     AWSInsightsIndexService} for Cost Explorer
   */
  public JsonProtocol(String targetPrefix) {
    this(targetPrefix, CONTENT_TYPE);
  }

  /**
   * @param contentType {@link #CONTENT_TYPE} or {@link #CONTENT_TYPE_1_0}
   */
  public JsonProtocol(String targetPrefix, String contentType) {
    this.targetPrefix = targetPrefix;
    this.contentType = contentType;
  }

  /** The operation named by {@code X-Amz-Target}; empty if the header is absent or not ours. */
  public String operation(SimRequest request) {
    String target = request.header("X-Amz-Target");
    if (target == null || !target.startsWith(targetPrefix + ".")) {
      return "";
    }
    return target.substring(targetPrefix.length() + 1);
  }

  /**
   * The request body as a JSON object; an empty body counts as {@code {}}.
   *
   * @throws ServiceException {@code SerializationException} if it is not a JSON object
   */
  public ObjectNode body(SimRequest request) {
    String body = request.body();
    if (body == null || body.isBlank()) {
      return StrictJson.object();
    }
    JsonNode parsed;
    try {
      parsed = StrictJson.parse(body);
    } catch (IllegalArgumentException e) {
      throw ServiceException.sender(
          "SerializationException", "The request body is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof ObjectNode object)) {
      throw ServiceException.sender(
          "SerializationException", "The request body must be a JSON object");
    }
    return object;
  }

  /** A successful response; {@code result} fills in the top-level object. */
  public SimResponse result(Consumer<ObjectNode> result) {
    ObjectNode json = StrictJson.object();
    result.accept(json);
    return new SimResponse(200, contentType, StrictJson.write(json), null);
  }

  /** An error: the SDK maps {@code __type} to the modeled exception class. */
  public SimResponse error(ServiceError error) {
    ObjectNode json = StrictJson.object().put("__type", error.code());
    // As AWS does, an error without a message has no message member rather than a null one.
    if (error.message() != null) {
      json.put("message", error.message());
    }
    return new SimResponse(error.status(), contentType, StrictJson.write(json), error.code());
  }
}
