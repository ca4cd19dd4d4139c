package io.stackwatch.web.page;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A form body whose percent-encoding cannot be decoded ({@code note=%%%}) fails inside the REST
 * layer before any resource or exception mapper sees it; this answers it with the 400 page instead
 * of the server's 500.
 */
@ApplicationScoped
class MalformedForms {

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .failureHandler(
            rc -> {
              Throwable failure = rc.failure();
              if (failure instanceof IllegalArgumentException
                  && failure.getMessage() != null
                  && failure.getMessage().startsWith("Failed to decode")
                  && !rc.response().headWritten()) {
                rc.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "text/html;charset=UTF-8")
                    .end(
                        BadRequestPage.Templates.badRequest(
                                "The form's percent-encoding is malformed: each % must be followed"
                                    + " by two hexadecimal digits.")
                            .render());
              } else {
                rc.next();
              }
            });
  }
}
