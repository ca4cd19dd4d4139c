package io.stackwatch.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Open mode ({@code stackwatch.auth.mode=open}, on a loopback address only): every request is the
 * user {@code local} with every role, so the one person at this machine can do everything. In the
 * other modes it adds nobody. It runs after every other mechanism.
 */
@ApplicationScoped
public class OpenAccessMechanism implements HttpAuthenticationMechanism {

  /** The name changes are recorded under in open mode. */
  public static final String LOCAL_USER = "local";

  private final boolean open;
  private final SecurityIdentity local;

  OpenAccessMechanism(AuthConfig config) {
    this.open = config.mode() == AuthConfig.Mode.OPEN;
    QuarkusSecurityIdentity.Builder b =
        QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(LOCAL_USER));
    Role.ADMIN.withIncluded().forEach(r -> b.addRole(r.roleName()));
    this.local = b.build();
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    return open ? Uni.createFrom().item(local) : Uni.createFrom().nullItem();
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
    return 1;
  }
}
