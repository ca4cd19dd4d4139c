package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A page (or, under {@code /api}, a JSON body) saying what was wrong with the request. */
public class BadRequestPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance badRequest(String message);
  }

  @ServerExceptionMapper
  public Response badRequest(BadRequestException e, UriInfo uri) {
    String message =
        e.getMessage() != null && e.getMessage().startsWith("No ")
            ? e.getMessage()
            : "This request cannot be answered as written.";
    if (uri.getPath().startsWith("/api/")) {
      return Response.status(Response.Status.BAD_REQUEST)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("error", message))
          .build();
    }
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.badRequest(message).render())
        .build();
  }
}
