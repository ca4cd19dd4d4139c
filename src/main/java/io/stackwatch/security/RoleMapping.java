package io.stackwatch.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives people signed in through OpenID Connect the roles their groups map to ({@code
 * stackwatch.auth.oidc.roles.<role>}), each role with the ones it includes. Groups themselves are
 * not roles: a group called {@code admin} makes an admin only while no groups are configured for
 * admin.
 */
@ApplicationScoped
public class RoleMapping implements SecurityIdentityAugmentor {

  private final AuthConfig config;

  RoleMapping(AuthConfig config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (config.mode() != AuthConfig.Mode.OIDC || identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    QuarkusSecurityIdentity.Builder b =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity.getPrincipal())
            .addCredentials(identity.getCredentials())
            .addAttributes(identity.getAttributes());
    rolesOf(identity.getRoles(), config.oidc().roles()).forEach(r -> b.addRole(r.roleName()));
    return Uni.createFrom().item(b.build());
  }

  /** The roles of someone in these groups, each role with the ones it includes. */
  static Set<Role> rolesOf(Set<String> groups, Map<String, List<String>> configured) {
    for (String name : configured.keySet()) {
      Role.of(name);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      List<String> granting = configured.getOrDefault(role.roleName(), List.of(role.roleName()));
      if (granting.stream().anyMatch(groups::contains)) {
        roles.addAll(role.withIncluded());
      }
    }
    return roles;
  }
}
