package io.stackwatch.security;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a stackwatch that would let in people who do not belong: open mode on an address
 * others can reach, a user list without users or with a broken hash or role, OpenID Connect without
 * a provider. The message says what to configure.
 */
@Startup
@Singleton
public class SignInGuard {

  SignInGuard(
      AuthConfig config,
      @ConfigProperty(name = "quarkus.http.host") String host,
      @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcServer) {
    List<String> problems = problems(config.mode(), host, config.users(), oidcServer, config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "stackwatch will not start: " + String.join("; ", problems) + ".");
    }
  }

  static List<String> problems(
      AuthConfig.Mode mode,
      String host,
      Map<String, AuthConfig.User> users,
      Optional<String> oidcServer,
      AuthConfig config) {
    List<String> out = new ArrayList<>();
    switch (mode) {
      case OPEN -> {
        if (!isLoopback(host)) {
          out.add(
              "stackwatch.auth.mode is open (no sign-in) but quarkus.http.host is "
                  + host
                  + ", which others can reach. Configure sign-in: STACKWATCH_AUTH_MODE=oidc with"
                  + " QUARKUS_OIDC_AUTH_SERVER_URL, QUARKUS_OIDC_CLIENT_ID and"
                  + " QUARKUS_OIDC_CREDENTIALS_SECRET, or STACKWATCH_AUTH_MODE=users with"
                  + " STACKWATCH_AUTH_USERS_<NAME>_PASSWORD_HASH and _ROLES; or listen on"
                  + " 127.0.0.1");
        }
      }
      case USERS -> {
        if (users.isEmpty()) {
          out.add(
              "stackwatch.auth.mode is users but no user is configured: set"
                  + " stackwatch.auth.users.<name>.password-hash (from"
                  + " io.stackwatch.security.PasswordHash) and .roles");
        }
        users.forEach(
            (name, user) -> {
              try {
                PasswordHash.check(user.passwordHash());
              } catch (IllegalArgumentException e) {
                out.add("stackwatch.auth.users." + name + ".password-hash: " + e.getMessage());
              }
              for (String role : user.roles()) {
                try {
                  Role.of(role);
                } catch (IllegalArgumentException e) {
                  out.add("stackwatch.auth.users." + name + ".roles: " + e.getMessage());
                }
              }
            });
      }
      case OIDC -> {
        if (oidcServer.isEmpty()) {
          out.add(
              "stackwatch.auth.mode is oidc but quarkus.oidc.auth-server-url is not set: set it"
                  + " (the issuer, such as https://cognito-idp.<region>.amazonaws.com/<pool-id>),"
                  + " with quarkus.oidc.client-id and quarkus.oidc.credentials.secret");
        }
        for (String role : config.oidc().roles().keySet()) {
          try {
            Role.of(role);
          } catch (IllegalArgumentException e) {
            out.add("stackwatch.auth.oidc.roles." + role + ": " + e.getMessage());
          }
        }
      }
    }
    if (mode != AuthConfig.Mode.OIDC && oidcServer.isPresent()) {
      out.add(
          "quarkus.oidc.auth-server-url is set but stackwatch.auth.mode is "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + ": set STACKWATCH_AUTH_MODE=oidc to sign in through it");
    }
    return out;
  }

  /** Whether only this machine can reach the address: 127.0.0.0/8, ::1 or a name for them. */
  static boolean isLoopback(String host) {
    String h = host.strip();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::")) {
      return false;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(h)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
