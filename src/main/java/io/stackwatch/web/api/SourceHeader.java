package io.stackwatch.web.api;

import io.stackwatch.aws.AwsConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer under {@code /api/} says where its numbers come from, in a header a script can check
 * whatever the endpoint: {@code Stackwatch-Source: simulator} (the built-in simulator) or {@code
 * aws}. {@code /api/status} and {@code /api/environments} say it in their bodies too.
 */
public class SourceHeader {

  /** The header's name. */
  public static final String NAME = "Stackwatch-Source";

  private final String source;

  SourceHeader(AwsConfig aws) {
    this.source = aws.sourceName();
  }

  @ServerResponseFilter
  public void mark(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getUriInfo().getPath().startsWith("/api/")) {
      response.getHeaders().putSingle(NAME, source);
    }
  }
}
