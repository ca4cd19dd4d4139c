package io.stackwatch.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Set;

/**
 * What a change may carry, checked before sign-in and every page. A change to a page ({@code POST},
 * {@code PUT}, {@code PATCH}, {@code DELETE} outside {@code /api/} and {@code /q/}) is a form, or
 * it is refused with a 400: the CSRF check looks for its token in forms only ({@code
 * quarkus.rest-csrf.require-form-url-encoded=false}), so every change to a page must be one. A
 * change under {@code /api/} that carries a body carries JSON, or it is refused with a 415: a page
 * of another site can send neither JSON nor {@code DELETE} without CORS, which stackwatch does not
 * allow, so the JSON API needs no CSRF token.
 */
@ApplicationScoped
public class ChangeBodies {

  static final String NOT_A_FORM =
      "Bad request: a change is sent as a form (application/x-www-form-urlencoded) with its CSRF"
          + " token.\n";

  static final String NOT_JSON =
      "{\"error\": \"A change to the JSON API is sent as JSON (Content-Type: application/json).\"}";

  private static final Set<HttpMethod> CHANGES =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  void install(@Observes Router router) {
    // After the URL check, before sign-in and every page.
    router
        .route()
        .order(Integer.MIN_VALUE + 2)
        .handler(
            rc -> {
              HttpMethod method = rc.request().method();
              String path = rc.normalizedPath();
              String type = rc.request().getHeader("Content-Type");
              if (!CHANGES.contains(method) || path.startsWith("/q/")) {
                rc.next();
              } else if (path.startsWith("/api/")) {
                if (is(type, "application/json") || (method == HttpMethod.DELETE && type == null)) {
                  rc.next();
                } else {
                  rc.response()
                      .setStatusCode(415)
                      .putHeader("Content-Type", "application/json")
                      .end(NOT_JSON);
                }
              } else if (is(type, "application/x-www-form-urlencoded")
                  || is(type, "multipart/form-data")) {
                rc.next();
              } else {
                rc.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(NOT_A_FORM);
              }
            });
  }

  /** Whether a Content-Type header names this media type, whatever its parameters. */
  static boolean is(String header, String mediaType) {
    if (header == null) {
      return false;
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    return type.toLowerCase(Locale.ROOT).equals(mediaType);
  }
}
