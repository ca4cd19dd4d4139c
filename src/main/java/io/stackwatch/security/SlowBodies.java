package io.stackwatch.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * A request body that takes longer than {@code stackwatch.http.body-timeout} to arrive is answered
 * 408 and its connection closed: a client sending a form a byte at a time holds neither a
 * connection nor, later, a worker thread for long. The clock is a Vert.x timer per request with a
 * body, cancelled when the answer is sent.
 */
@ApplicationScoped
public class SlowBodies {

  static final Set<HttpMethod> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  static final String ANSWER = "Request timeout: the request's body did not arrive in time.\n";

  private final long timeoutMillis;

  SlowBodies(HttpConfig config) {
    this.timeoutMillis = Math.max(1, config.bodyTimeout().toMillis());
  }

  void install(@Observes Router router) {
    // Right after the security headers, before anything reads the body.
    router
        .route()
        .order(Integer.MIN_VALUE + 2)
        .handler(
            rc -> {
              HttpServerRequest request = rc.request();
              if (WITH_BODY.contains(request.method()) && !request.isEnded()) {
                long timer =
                    rc.vertx()
                        .setTimer(
                            timeoutMillis,
                            id -> {
                              if (!request.isEnded() && !rc.response().ended()) {
                                rc.response()
                                    .setStatusCode(408)
                                    .putHeader("Content-Type", "text/plain; charset=UTF-8")
                                    .putHeader("Connection", "close")
                                    .end(ANSWER)
                                    .onComplete(done -> request.connection().close());
                              }
                            });
                rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
              }
              rc.next();
            });
  }
}
