package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A page (or, under {@code /api}, a JSON body), not a stack trace, for an unknown address. */
public class NotFoundPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance notFound(String message);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri) {
    String message =
        e.getMessage() != null && e.getMessage().startsWith("No ")
            ? e.getMessage()
            : "There is nothing at this address.";
    if (uri.getPath().startsWith("/api/")) {
      return Response.status(Response.Status.NOT_FOUND)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("error", message))
          .build();
    }
    return Response.status(Response.Status.NOT_FOUND)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.notFound(message).render())
        .build();
  }
}
