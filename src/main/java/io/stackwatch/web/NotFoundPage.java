package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A page, not a stack trace, for an unknown environment or address. */
public class NotFoundPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance notFound(String message);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    String message =
        e.getMessage() != null && e.getMessage().startsWith("No environment")
            ? e.getMessage()
            : "There is no page at this address.";
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.notFound(message).render())
        .build();
  }
}
