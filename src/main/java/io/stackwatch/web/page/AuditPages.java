package io.stackwatch.web.page;

import io.stackwatch.audit.Audit;
import jakarta.ws.rs.BadRequestException;

/** The page number of the audit trail a request asks for: 1 when none, a 400 when not one. */
public final class AuditPages {

  private AuditPages() {}

  /**
   * The page asked for, from 1 to {@value Audit#LAST_PAGE}.
   *
   * @throws BadRequestException for anything else
   */
  public static int number(String page) {
    if (page == null || page.isBlank()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(page.strip());
      if (n >= 1 && n <= Audit.LAST_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadRequestException(
        "No page "
            + page
            + " of the audit trail: pages are numbered 1 to "
            + Audit.LAST_PAGE
            + ".");
  }
}
