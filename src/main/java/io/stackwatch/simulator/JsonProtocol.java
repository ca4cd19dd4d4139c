package io.stackwatch.simulator;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The envelope of AWS's JSON 1.1 protocol (Cost Explorer, CloudWatch Logs, ECS use it): a POST to
 * {@code /} whose {@code X-Amz-Target} header names {@code <TargetPrefix>.<Operation>}, a JSON
 * object as body, and errors as {@code {"__type":"LimitExceededException","message":"..."}}.
 */
public final class JsonProtocol {

  /** The Content-Type of requests and responses. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final String targetPrefix;

  /**
   * @param targetPrefix the part of {@code X-Amz-Target} before the dot, e.g. {@code
   *     AWSInsightsIndexService} for Cost Explorer
   */
  public JsonProtocol(String targetPrefix) {
    this.targetPrefix = targetPrefix;
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
  @SuppressWarnings("unchecked")
  public Map<String, Object> body(SimRequest request) {
    String body = request.body();
    if (body == null || body.isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw ServiceException.sender(
          "SerializationException", "The request body is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw ServiceException.sender(
          "SerializationException", "The request body must be a JSON object");
    }
    return (Map<String, Object>) parsed;
  }

  /**
   * A successful response; {@code result} writes the members of the top-level object.
   *
   * @param sizeHint expected body size, so large responses are built without regrowing
   */
  public SimResponse result(int sizeHint, Consumer<JsonWriter> result) {
    JsonWriter json = new JsonWriter(sizeHint + 16);
    json.beginObject();
    result.accept(json);
    json.endObject();
    return new SimResponse(200, CONTENT_TYPE, json.toString(), null);
  }

  /** An error: the SDK maps {@code __type} to the modeled exception class. */
  public SimResponse error(ServiceError error) {
    JsonWriter json = new JsonWriter(200);
    json.beginObject()
        .member("__type", error.code())
        .member("message", error.message())
        .endObject();
    return new SimResponse(error.status(), CONTENT_TYPE, json.toString(), error.code());
  }
}
