package io.stackwatch.security;

import io.quarkus.csrf.reactive.runtime.CsrfTokenUtils;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token of the sign-in form: {@code /login} carries one as every form does, and a sign-in
 * posted to {@code /j_security_check} without it, or with a token its cookie was not signed for, is
 * refused, so another site cannot sign a browser in under the attacker's name. Scripts signing in
 * with HTTP Basic send no form and need none.
 */
@ApplicationScoped
public class LoginFormToken {

  /** Checks nothing: for tests of the password checks alone. */
  static final LoginFormToken NONE = new LoginFormToken("", "", Optional.empty(), false);

  private final String field;
  private final String cookie;
  private final Optional<String> signatureKey;
  private final boolean checked;

  @Inject
  LoginFormToken(
      @ConfigProperty(name = "quarkus.rest-csrf.form-field-name", defaultValue = "csrf-token")
          String field,
      @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
          String cookie,
      @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key")
          Optional<String> signatureKey) {
    this(field, cookie, signatureKey, true);
  }

  private LoginFormToken(
      String field, String cookie, Optional<String> signatureKey, boolean checked) {
    this.field = field;
    this.cookie = cookie;
    this.signatureKey = signatureKey;
    this.checked = checked;
  }

  /** Whether a sign-in request may go on: not a form sign-in, or one with its token. */
  boolean valid(RoutingContext rc) {
    if (!checked || !rc.normalizedPath().endsWith("/j_security_check")) {
      return true;
    }
    String token = rc.request().getFormAttribute(field);
    Cookie sent = rc.request().getCookie(cookie);
    if (token == null || token.isEmpty() || sent == null) {
      return false;
    }
    try {
      String expected = signatureKey.map(k -> CsrfTokenUtils.signCsrfToken(token, k)).orElse(token);
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.UTF_8),
          sent.getValue().getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // Not a token the filter made (not Base64, say).
      return false;
    }
  }
}
