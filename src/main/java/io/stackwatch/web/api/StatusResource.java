package io.stackwatch.web.api;

import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/status}: this instance, whether its store is available, the changes waiting for it,
 * and whether it polls (leader) or serves what the leader shares (follower).
 */
@Path("/api/status")
public class StatusResource {

  private final Database database;
  private final Leadership leadership;

  StatusResource(Database database, Leadership leadership) {
    this.database = database;
    this.leadership = leadership;
  }

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
}
