package io.stackwatch.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs in the built-in users ({@code stackwatch.auth.mode=users}) from form login and HTTP Basic.
 * PBKDF2 is slow on purpose; so that a script's every Basic request does not pay it again, the last
 * password that verified is remembered per user as a salted SHA-256 digest, in memory only.
 */
@ApplicationScoped
public class UserListIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private final AuthConfig config;
  private final byte[] pepper = new byte[32];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

  UserListIdentityProvider(AuthConfig config) {
    this.config = config;
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> verify(request));
  }

  private SecurityIdentity verify(UsernamePasswordAuthenticationRequest request) {
    AuthConfig.User user =
        config.mode() == AuthConfig.Mode.USERS ? config.users().get(request.getUsername()) : null;
    if (user == null) {
      throw new AuthenticationFailedException();
    }
    char[] password = request.getPassword().getPassword();
    byte[] digest = digest(request.getUsername(), password);
    byte[] known = verified.get(request.getUsername());
    if (known == null || !MessageDigest.isEqual(known, digest)) {
      if (!PasswordHash.verify(password, user.passwordHash())) {
        throw new AuthenticationFailedException();
      }
      verified.put(request.getUsername(), digest);
    }
    return identity(request.getUsername(), user);
  }

  static SecurityIdentity identity(String name, AuthConfig.User user) {
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name));
    for (String role : user.roles()) {
      Role.of(role).withIncluded().forEach(r -> identity.addRole(r.roleName()));
    }
    return identity.build();
  }

  /**
   * Signs in again, from the encrypted cookie of a form login, a user who is still in the list,
   * with the roles the list gives now.
   */
  @ApplicationScoped
  public static class FromSessionCookie implements IdentityProvider<TrustedAuthenticationRequest> {

    private final AuthConfig config;

    FromSessionCookie(AuthConfig config) {
      this.config = config;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
      return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
        TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
      AuthConfig.User user =
          config.mode() == AuthConfig.Mode.USERS
              ? config.users().get(request.getPrincipal())
              : null;
      return user == null
          ? Uni.createFrom().failure(new AuthenticationFailedException())
          : Uni.createFrom().item(identity(request.getPrincipal(), user));
    }
  }

  private byte[] digest(String user, char[] password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(pepper);
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
