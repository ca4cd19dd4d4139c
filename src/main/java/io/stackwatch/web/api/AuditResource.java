package io.stackwatch.web.api;

import io.stackwatch.audit.Audit;
import io.stackwatch.audit.AuditEvent;
import io.stackwatch.security.Role;
import io.stackwatch.web.page.AuditPages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/audit}: the audit trail as JSON, newest first. Admins only. */
@Path("/api/audit")
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

  private final Audit audit;

  AuditResource(Audit audit) {
    this.audit = audit;
  }

  /**
   * The audit trail, {@value Audit#LISTED} events a page ({@code ?page=2} for older), newest first.
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<AuditEvent> recent(@QueryParam("page") String page) {
    return audit.page(Audit.LISTED, (AuditPages.number(page) - 1) * Audit.LISTED);
  }
}
