package io.stackwatch.web.api;

import io.stackwatch.maintenance.ItemStatus;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/maintenance}: the maintenance schedule as JSON, as the snapshot holds it, with each
 * chore's sign-off history from the store on an environment's own address.
 */
@Path("/api/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

  private final Snapshots snapshots;
  private final Maintenance maintenance;

  MaintenanceResource(Snapshots snapshots, Maintenance maintenance) {
    this.snapshots = snapshots;
    this.maintenance = maintenance;
  }

  @GET
  public Map<String, List<ItemJson>> all() {
    StackSnapshot snapshot = snapshots.current();
    Map<String, List<ItemJson>> out = new java.util.LinkedHashMap<>();
    for (String scope : snapshot.maintenanceScopes()) {
      out.put(scope, snapshot.maintenance(scope).stream().map(i -> json(i, false)).toList());
    }
    return out;
  }

  @GET
  @Path("/{environment}")
  public List<ItemJson> environment(@PathParam("environment") String environment) {
    StackSnapshot snapshot = snapshots.current();
    if (!snapshot.maintenanceScopes().contains(environment)) {
      throw new NotFoundException("No environment " + environment + ".");
    }
    return snapshot.maintenance(environment).stream().map(i -> json(i, true)).toList();
  }

  private ItemJson json(ItemStatus s, boolean history) {
    return new ItemJson(
        s.item().id(),
        s.item().title(),
        s.item().cadence().yamlName(),
        s.item().critical(),
        s.state().status().name().toLowerCase(java.util.Locale.ROOT),
        s.state().dueAt(),
        s.state().overdueAt(),
        s.lastDone().orElse(null),
        s.evidence()
            .map(
                e -> new EvidenceJson(e.check().yamlName(), e.verdict().name(), e.detail(), e.at()))
            .orElse(null),
        history
            ? maintenance.recentHistory(s.environment(), s.item().id()).stream()
                .limit(Maintenance.HISTORY_SHOWN)
                .map(
                    h ->
                        new SignOffJson(
                            h.by(),
                            h.at(),
                            h.note(),
                            h.reason().orElse(null),
                            h.failingCheck().orElse(null)))
                .toList()
            : null);
  }

  /**
   * A chore as JSON; {@code history} (the newest sign-offs, at most {@value
   * Maintenance#HISTORY_SHOWN}) only on the environment's own address.
   */
  public record ItemJson(
      String id,
      String title,
      String cadence,
      boolean critical,
      String status,
      Instant dueAt,
      Instant overdueAt,
      Instant lastDone,
      EvidenceJson evidence,
      List<SignOffJson> history) {}

  public record EvidenceJson(String check, String verdict, String detail, Instant at) {}

  /**
   * A sign-off as JSON; {@code reason} and {@code failingCheck} (what the check said) only when it
   * was signed off while its check failed.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record SignOffJson(
      String by, Instant at, String note, String reason, String failingCheck) {}
}
