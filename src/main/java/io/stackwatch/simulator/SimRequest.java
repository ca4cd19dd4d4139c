package io.stackwatch.simulator;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the simulator received it. The form body of Query-protocol services is parsed
 * on first use and kept, because the simulator reads it several times (operation name, query count,
 * the handler itself).
 */
public final class SimRequest {

  private final String method;
  private final String path;
  private final Map<String, String> headers;
  private final String body;
  private QueryForm form;

  /**
   * @param headers header values keyed by lower-case name
   */
  public SimRequest(String method, String path, Map<String, String> headers, String body) {
    this.method = method;
    this.path = path;
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String body() {
    return body;
  }

  /** A header's value, or null; names are case-insensitive as in HTTP. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body as a URL-encoded form, the request format of Query-protocol services. */
  public QueryForm form() {
    if (form == null) {
      form = QueryForm.parse(body);
    }
    return form;
  }

  /**
   * The service this request is signed for, from the SigV4 credential scope {@code
   * Credential=AKID/20261126/us-east-1/monitoring/aws4_request}; null if the request is unsigned.
   */
  public String service() {
    String[] scope = credentialScope();
    return scope == null ? null : scope[3];
  }

  /**
   * The region this request is signed for, from the same credential scope ({@code us-east-1}); null
   * if the request is unsigned.
   */
  public String region() {
    String[] scope = credentialScope();
    return scope == null ? null : scope[2];
  }

  /**
   * The access key id that signed this request, from the same credential scope; null if the request
   * is unsigned.
   */
  public String accessKeyId() {
    String[] scope = credentialScope();
    return scope == null ? null : scope[0];
  }

  /** AKID / date / region / service / aws4_request, or null. */
  private String[] credentialScope() {
    String auth = header("Authorization");
    if (auth == null) {
      return null;
    }
    int start = auth.indexOf("Credential=");
    if (start < 0) {
      return null;
    }
    int end = auth.indexOf(',', start);
    String[] scope =
        auth.substring(start + "Credential=".length(), end < 0 ? auth.length() : end)
            .trim()
            .split("/");
    return scope.length == 5 ? scope : null;
  }
}
