package io.stackwatch.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Makes a redirect to stackwatch itself relative ({@code Location: /login}), so the {@code Host}
 * header a client sent is never echoed back: form sign-in builds its redirects from it, and a
 * forged one would send a browser, or a shared cache, elsewhere. Redirects to another site (an
 * OpenID Connect provider) are left as they are.
 */
@ApplicationScoped
public class RelativeRedirects {

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE + 2)
        .handler(
            rc -> {
              String host = rc.request().getHeader("Host");
              rc.addHeadersEndHandler(
                  v -> {
                    String location = rc.response().headers().get("Location");
                    String relative = relative(location, host);
                    if (relative != null) {
                      rc.response().headers().set("Location", relative);
                    }
                  });
              rc.next();
            });
  }

  /** The path, query and fragment of an absolute URL to {@code host}; null for any other. */
  static String relative(String location, String host) {
    if (location == null || host == null) {
      return null;
    }
    try {
      URI u = new URI(location);
      if (!u.isAbsolute() || u.getRawAuthority() == null || !u.getRawAuthority().equals(host)) {
        return null;
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return path
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
          + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
