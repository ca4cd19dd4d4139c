package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A page in stackwatch's style (or, under {@code /api}, a JSON body) for someone signed in whose
 * role does not allow what they asked, rather than the browser's bare 403.
 */
public class ForbiddenPage {

  static final String MESSAGE =
      "Your role does not allow this. Admins reload rules and read the audit trail; operators"
          + " acknowledge, test and sign off.";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance forbidden(String message);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return answer(uri.getPath());
  }

  /** The answer to a refused request for {@code path}. */
  static Response answer(String path) {
    if (path.startsWith("/api/")) {
      return Response.status(Response.Status.FORBIDDEN)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("error", MESSAGE))
          .build();
    }
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.forbidden(MESSAGE).render())
        .build();
  }
}
