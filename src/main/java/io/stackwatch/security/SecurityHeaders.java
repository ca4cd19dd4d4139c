package io.stackwatch.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Security headers on every response, pages, JSON, errors and sign-in redirects alike: a Content
 * Security Policy that allows no inline script or style and no framing, no MIME sniffing, no
 * referrer to other sites; and every cookie Secure, HttpOnly and SameSite.
 */
@ApplicationScoped
public class SecurityHeaders {

  /** The policy of every page: nothing inline, nothing from elsewhere, never in a frame. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

  void install(@Observes Router router) {
    // Before every other route, so that security's own answers (401, redirects) carry them too.
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            rc -> {
              HttpServerResponse response = rc.response();
              rc.addHeadersEndHandler(
                  v -> {
                    response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                    response.putHeader("X-Content-Type-Options", "nosniff");
                    response.putHeader("Referrer-Policy", "same-origin");
                    response.putHeader("X-Frame-Options", "DENY");
                    for (Cookie c : rc.request().cookies()) {
                      harden(c);
                    }
                    List<String> raw = response.headers().getAll(HttpHeaders.SET_COOKIE);
                    if (!raw.isEmpty()) {
                      response.headers().remove(HttpHeaders.SET_COOKIE);
                      raw.forEach(
                          h -> response.headers().add(HttpHeaders.SET_COOKIE, hardenHeader(h)));
                    }
                  });
              rc.next();
            });
  }

  private static void harden(Cookie c) {
    // Only the cookies this response sets: the browser's own are not sent back.
    if (!(c instanceof ServerCookie sc) || !sc.isChanged()) {
      return;
    }
    c.setSecure(true);
    c.setHttpOnly(true);
    if (c.getSameSite() == null) {
      c.setSameSite(io.vertx.core.http.CookieSameSite.LAX);
    }
  }

  /** A Set-Cookie header with Secure, HttpOnly and SameSite added where missing. */
  static String hardenHeader(String header) {
    String lower = header.toLowerCase(java.util.Locale.ROOT);
    StringBuilder b = new StringBuilder(header);
    if (!lower.matches(".*;\\s*secure(;.*|\\s*$)")) {
      b.append("; Secure");
    }
    if (!lower.contains("httponly")) {
      b.append("; HttpOnly");
    }
    if (!lower.contains("samesite")) {
      b.append("; SameSite=Lax");
    }
    return b.toString();
  }
}
