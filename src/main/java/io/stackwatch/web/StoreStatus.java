package io.stackwatch.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import io.stackwatch.store.StoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The store's state as pages and the API show it: a banner on every page while the database is
 * away, {@code /api/status}, and a clear 503 (never a stack trace) where a page needs the database
 * itself, such as an alarm's history.
 */
@Path("/api/status")
public class StoreStatus {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance unavailable(String message);
  }

  private final Database database;
  private final Leadership leadership;

  StoreStatus(Database database, Leadership leadership) {
    this.database = database;
    this.leadership = leadership;
  }

  /** For layout.html: true while the database is away. */
  @TemplateGlobal(name = "storeUnavailable")
  static boolean storeUnavailable() {
    return !Arc.container().instance(Database.class).get().available();
  }

  /**
   * This instance: whether the store is available, changes waiting for it, and whether this
   * instance polls (leader) or serves what the leader shares (follower).
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public StatusJson status() {
    return new StatusJson(
        database.available(),
        database.unavailableReason().orElse(null),
        database.pendingWrites(),
        leadership.leading() ? "leader" : "follower");
  }

  /** This instance's state. */
  public record StatusJson(
      boolean storeAvailable, String storeError, int pendingWrites, String role) {}

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
