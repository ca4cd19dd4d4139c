package io.stackwatch.simulator;

/**
 * What the simulator sends back for one request.
 *
 * @param status HTTP status
 * @param contentType the Content-Type header
 * @param body the full response body
 * @param errorCode the AWS error code when the body is an error, otherwise null; it goes to the
 *     {@link CallLog}
 */
public record SimResponse(int status, String contentType, String body, String errorCode) {

  /** A successful XML answer. */
  public static SimResponse xml(String body) {
    return new SimResponse(200, "text/xml", body, null);
  }

  /** The same answer cut in half, as a connection dropped mid-body would leave it. */
  SimResponse truncated() {
    return new SimResponse(200, contentType, body.substring(0, body.length() / 2), errorCode);
  }
}
