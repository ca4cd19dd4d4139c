package io.stackwatch.web.page;

import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.store.Database;
import io.stackwatch.store.StoreUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The store's absence as pages show it: a banner on every page while the database is away, and a
 * clear 503 (a page, or JSON under {@code /api/}; never a stack trace) wherever a request needs the
 * database itself, such as an alarm's history.
 */
public class StoreUnavailablePage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance unavailable(String message);
  }

  /** For layout.html: true while the database is away. */
  @TemplateGlobal(name = "storeUnavailable")
  static boolean storeUnavailable() {
    return !Arc.container().instance(Database.class).get().available();
  }

  @ServerExceptionMapper
  public Response unavailable(StoreUnavailableException e, UriInfo uri) {
    String message =
        "The store is unavailable, so this cannot be shown or done now; try again shortly.";
    if (uri.getPath().startsWith("/api/")) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("error", message))
          .build();
    }
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.unavailable(message).render())
        .build();
  }
}
