package io.stackwatch.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses at once, with a 400 and a plain sentence, a URL holding a character that may not stand in
 * a cookie ({@code ;}, {@code ,}, {@code "} or {@code \}) unless it is percent-encoded. No page or
 * API of stackwatch needs one; form sign-in keeps the URL asked for in a cookie, and such a URL
 * would leave the request unanswered, with a stack trace, holding its connection.
 */
@ApplicationScoped
public class UrlFilter {

  static final String REFUSED =
      "Bad request: a URL may not hold ; , \" or \\ as they are; percent-encode them (%3B, %2C,"
          + " %22, %5C).\n";

  void install(@Observes Router router) {
    // Right after the security headers, before sign-in and every page.
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .handler(
            rc -> {
              if (refused(rc.request().uri())) {
                rc.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .putHeader("Connection", "close")
                    .end(REFUSED);
              } else {
                rc.next();
              }
            });
  }

  static boolean refused(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == ';' || c == ',' || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
