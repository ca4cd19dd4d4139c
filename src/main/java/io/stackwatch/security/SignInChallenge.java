package io.stackwatch.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * How someone not signed in is asked to sign in, before the form's own challenge: a script on
 * {@code /api/} gets a 401 with a JSON body (and {@code WWW-Authenticate}); a static asset or a
 * page fragment gets a plain 401, so that it never becomes the page sign-in returns to (a favicon
 * asked for after the page would otherwise take its place); a form sent after the session ended
 * goes to the sign-in page without being the place to return to. A browser asking for a page is
 * left to the form, which brings it back there after sign-in. It signs nobody in.
 */
@ApplicationScoped
public class SignInChallenge implements HttpAuthenticationMechanism {

  static final String API_BODY =
      "{\"error\":\"Sign in first: send HTTP Basic credentials (or a bearer token with OpenID"
          + " Connect).\"}";

  private final AuthConfig.Mode mode;

  SignInChallenge(AuthConfig config) {
    this.mode = config.mode();
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    if (mode == AuthConfig.Mode.OPEN) {
      return Uni.createFrom().item(false);
    }
    String path = context.normalizedPath();
    var response = context.response();
    if (path.startsWith("/api/") || path.equals("/api")) {
      response
          .setStatusCode(401)
          .putHeader(
              "WWW-Authenticate",
              mode == AuthConfig.Mode.OIDC ? "Bearer" : "Basic realm=\"stackwatch\"")
          .putHeader("Content-Type", "application/json")
          .end(API_BODY);
      return Uni.createFrom().item(true);
    }
    if (!isPage(path)) {
      response
          .setStatusCode(401)
          .putHeader("Content-Type", "text/plain; charset=UTF-8")
          .end("Sign in first: /login\n");
      return Uni.createFrom().item(true);
    }
    if (mode == AuthConfig.Mode.USERS && context.request().method() != HttpMethod.GET) {
      response.setStatusCode(302).putHeader("Location", "/login").end();
      return Uni.createFrom().item(true);
    }
    return Uni.createFrom().item(false);
  }

  /** A page a person opens: not an asset (a name with an extension) nor a live fragment. */
  static boolean isPage(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".") && !path.endsWith("/live");
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of();
  }

  @Override
  public int getPriority() {
    // Before the form (1000) and Basic: its challenge is tried first, and passes when it has none.
    return 3000;
  }
}
