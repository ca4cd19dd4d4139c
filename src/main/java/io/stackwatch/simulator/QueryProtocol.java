package io.stackwatch.simulator;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The envelope of AWS's Query protocol (CloudWatch, SNS, STS, RDS use it): {@code
 * <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>} for results and {@code
 * <ErrorResponse>} for errors, both in the service's XML namespace.
 */
public final class QueryProtocol {

  private final String namespace;

  /**
   * @param namespace the service's XML namespace, e.g. {@code
   *     http://monitoring.amazonaws.com/doc/2010-08-01/}
   */
  public QueryProtocol(String namespace) {
    this.namespace = namespace;
  }

  /**
   * A successful response; {@code result} writes the inside of {@code <ActionResult>}.
   *
   * @param sizeHint expected body size, so large responses are built without regrowing
   */
  public SimResponse result(String action, int sizeHint, Consumer<XmlWriter> result) {
    XmlWriter xml = new XmlWriter(sizeHint + 300);
    xml.open(action + "Response", namespace).open(action + "Result");
    result.accept(xml);
    xml.close(action + "Result")
        .open("ResponseMetadata")
        .element("RequestId", requestId())
        .close("ResponseMetadata")
        .close(action + "Response");
    return SimResponse.xml(xml.toString());
  }

  /** An error response in this service's namespace. */
  public SimResponse error(ServiceError error) {
    return errorResponse(namespace, error);
  }

  /** An {@code <ErrorResponse>}; {@code namespace} may be null for errors no service owns. */
  static SimResponse errorResponse(String namespace, ServiceError error) {
    XmlWriter xml = new XmlWriter(400);
    if (namespace == null) {
      xml.open("ErrorResponse");
    } else {
      xml.open("ErrorResponse", namespace);
    }
    xml.open("Error")
        .element("Type", error.type())
        .element("Code", error.code())
        .element("Message", error.message())
        .close("Error")
        .element("RequestId", requestId())
        .close("ErrorResponse");
    return new SimResponse(error.status(), "text/xml", xml.toString(), error.code());
  }

  private static String requestId() {
    return UUID.randomUUID().toString();
  }
}
