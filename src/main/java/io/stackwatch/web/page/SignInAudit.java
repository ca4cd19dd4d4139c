package io.stackwatch.web.page;

import io.stackwatch.audit.Audit;
import io.stackwatch.security.SignInFailure;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Every refused sign-in in the audit trail ({@code sign-in.refused}): the name as given, the
 * client's address and why; never the password. While the store is away it is only logged.
 */
@Singleton
public class SignInAudit {

  private static final Logger LOG = Logger.getLogger(SignInAudit.class);

  private final Audit audit;

  SignInAudit(Audit audit) {
    this.audit = audit;
  }

  void record(@Observes SignInFailure failure) {
    try {
      audit.record(
          failure.user(), "sign-in.refused", failure.user(), failure.reason(), failure.address());
    } catch (RuntimeException e) {
      LOG.warnf("Cannot audit the refused sign-in of %s: %s", failure.user(), e.getMessage());
    }
  }
}
