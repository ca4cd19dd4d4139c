package io.stackwatch.web.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.aws.AwsConfig;
import io.stackwatch.security.Role;
import io.stackwatch.store.Database;
import io.stackwatch.store.Leadership;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/status}: this instance, where its numbers come from ({@code source}: {@code
 * simulator} or {@code aws}, and {@code simulated}), whether its store is available, the changes
 * waiting for it, and whether it polls (leader) or serves what the leader shares (follower). Why
 * the store cannot be reached ({@code storeError}, which may name its host and port) is shown to
 * admins only.
 */
@Path("/api/status")
public class StatusResource {

  private final Database database;
  private final Leadership leadership;
  private final AwsConfig aws;
  private final SecurityIdentity identity;

  StatusResource(
      Database database, Leadership leadership, AwsConfig aws, SecurityIdentity identity) {
    this.database = database;
    this.leadership = leadership;
    this.aws = aws;
    this.identity = identity;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public StatusJson status() {
    return of(database, leadership, aws, identity);
  }

  /** The state of this instance as {@code identity} may read it. */
  public static StatusJson of(
      Database database, Leadership leadership, AwsConfig aws, SecurityIdentity identity) {
    return new StatusJson(
        aws.sourceName(),
        aws.simulated(),
        database.available(),
        identity.hasRole(Role.ADMIN_NAME) ? database.unavailableReason().orElse(null) : null,
        database.pendingWrites(),
        leadership.leading() ? "leader" : "follower");
  }

  /** This instance's state. */
  public record StatusJson(
      String source,
      boolean simulated,
      boolean storeAvailable,
      String storeError,
      int pendingWrites,
      String role) {}
}
