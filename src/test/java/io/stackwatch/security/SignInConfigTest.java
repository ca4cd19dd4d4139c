package io.stackwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sign-in settings as an operator writes them, and what stackwatch refuses at start-up. */
@Tag("plain")
class SignInConfigTest {

  static AuthConfig fromEnvironment(Map<String, String> env) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new EnvConfigSource(env, 300))
            .withMapping(AuthConfig.class)
            .withConverter(
                java.time.Duration.class,
                100,
                new io.quarkus.runtime.configuration.DurationConverter())
            .build();
    return config.getConfigMapping(AuthConfig.class);
  }

  static List<String> problems(AuthConfig c, String host, Optional<String> oidc) {
    return SignInGuard.problems(c.mode(), host, c.users(), oidc, c);
  }

  @Test
  void usersAndRoleGroupsFromEnvironmentVariables() {
    String hash = PasswordHash.hash("s3cret".toCharArray(), 20_000);
    AuthConfig c =
        fromEnvironment(
            Map.of(
                "STACKWATCH_AUTH_MODE",
                "users",
                "STACKWATCH_AUTH_USERS_ADMIN_PASSWORD_HASH",
                hash,
                "STACKWATCH_AUTH_USERS_ADMIN_ROLES",
                "admin",
                "STACKWATCH_AUTH_USERS_VERA_PASSWORD_HASH",
                hash));
    assertThat(c.mode()).isEqualTo(AuthConfig.Mode.USERS);
    assertThat(c.users()).containsOnlyKeys("admin", "vera");
    assertThat(c.users().get("admin").roles()).containsExactly("admin");
    assertThat(c.users().get("vera").roles()).containsExactly("viewer");
    assertThat(problems(c, "0.0.0.0", Optional.empty())).isEmpty();

    AuthConfig oidc =
        fromEnvironment(
            Map.of(
                "STACKWATCH_AUTH_MODE", "oidc",
                "STACKWATCH_AUTH_OIDC_ROLES_OPERATOR", "on-call,sre"));
    assertThat(oidc.oidc().roles()).containsEntry("operator", List.of("on-call", "sre"));
  }

  @Test
  void openModeStartsOnlyOnLoopback() {
    AuthConfig open = fromEnvironment(Map.of());
    assertThat(open.mode()).isEqualTo(AuthConfig.Mode.OPEN);
    assertThat(problems(open, "127.0.0.1", Optional.empty())).isEmpty();
    assertThat(problems(open, "localhost", Optional.empty())).isEmpty();
    assertThat(problems(open, "::1", Optional.empty())).isEmpty();
    assertThat(problems(open, "0.0.0.0", Optional.empty()))
        .singleElement()
        .asString()
        .contains("quarkus.http.host is 0.0.0.0")
        .contains("STACKWATCH_AUTH_MODE=oidc")
        .contains("STACKWATCH_AUTH_MODE=users");
    assertThat(problems(open, "10.0.3.7", Optional.empty())).hasSize(1);
  }

  @Test
  void brokenSignInSettingsAreNamed() {
    AuthConfig noUsers = fromEnvironment(Map.of("STACKWATCH_AUTH_MODE", "users"));
    assertThat(problems(noUsers, "0.0.0.0", Optional.empty()))
        .singleElement()
        .asString()
        .contains("no user is configured");

    AuthConfig badUser =
        fromEnvironment(
            Map.of(
                "STACKWATCH_AUTH_MODE", "users",
                "STACKWATCH_AUTH_USERS_BOB_PASSWORD_HASH", "plain-text-password",
                "STACKWATCH_AUTH_USERS_BOB_ROLES", "root"));
    assertThat(problems(badUser, "0.0.0.0", Optional.empty()))
        .containsExactlyInAnyOrder(
            "stackwatch.auth.users.bob.password-hash: not a password hash of the form"
                + " pbkdf2-sha256:<iterations>:<salt>:<hash>",
            "stackwatch.auth.users.bob.roles: unknown role 'root'; roles are viewer, operator,"
                + " admin")
        .noneMatch(p -> p.contains("plain-text-password"));

    AuthConfig oidc = fromEnvironment(Map.of("STACKWATCH_AUTH_MODE", "oidc"));
    assertThat(problems(oidc, "0.0.0.0", Optional.empty()))
        .singleElement()
        .asString()
        .contains("quarkus.oidc.auth-server-url is not set");
    assertThat(problems(oidc, "0.0.0.0", Optional.of("https://idp.example.com"))).isEmpty();
  }

  @Test
  void passwordHashesVerify() {
    String hash = PasswordHash.hash("correct horse".toCharArray());
    assertThat(hash).startsWith("pbkdf2-sha256:600000:");
    assertThat(PasswordHash.verify("correct horse".toCharArray(), hash)).isTrue();
    // The rest at the fewest iterations a hash may have: the same code, sixty times sooner.
    String quick = PasswordHash.hash("correct horse".toCharArray(), 10_000);
    assertThat(PasswordHash.verify("correct horse ".toCharArray(), quick)).isFalse();
    assertThat(PasswordHash.hash("x".toCharArray(), 10_000))
        .isNotEqualTo(PasswordHash.hash("x".toCharArray(), 10_000));
    assertThatThrownBy(
            () -> PasswordHash.check("pbkdf2-sha256:1000:c2FsdHNhbHQ:aGFzaGhhc2hoYXNoaGFzaA"))
        .hasMessageContaining("too weak");
  }

  @Test
  void groupsMapToRolesWithTheRolesTheyInclude() {
    assertThat(RoleMapping.rolesOf(Set.of("operator"), Map.of()))
        .containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
    assertThat(RoleMapping.rolesOf(Set.of("sre"), Map.of("admin", List.of("sre"))))
        .containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR, Role.ADMIN);
    assertThat(RoleMapping.rolesOf(Set.of("admin"), Map.of("admin", List.of("sre")))).isEmpty();
    assertThat(RoleMapping.rolesOf(Set.of("everyone"), Map.of())).isEmpty();
  }
}
