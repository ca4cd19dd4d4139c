package io.stackwatch.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Signs in the built-in users ({@code stackwatch.auth.mode=users}) from form login and HTTP Basic.
 * PBKDF2 is slow on purpose; so that a script's every Basic request does not pay it again, the last
 * password that verified is remembered per user as a salted SHA-256 digest, in memory only.
 *
 * <p>Against guessing: attempts are slowed per name and per address ({@link SignInThrottle}); an
 * unknown name costs the same PBKDF2 work as a known one, so timing does not tell which names
 * exist; at most {@code stackwatch.auth.concurrent-password-checks} passwords are checked at once;
 * and every refusal is logged and fired as a {@link SignInFailure} for the audit trail, never with
 * the password.
 */
@ApplicationScoped
public class UserListIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private static final Logger LOG = Logger.getLogger(UserListIdentityProvider.class);

  /** Checks a password against a stored hash: PBKDF2, or a counting stand-in in tests. */
  @FunctionalInterface
  interface PasswordCheck {
    boolean matches(char[] password, String storedHash);
  }

  private final AuthConfig config;
  private final Clock clock;
  private final Event<SignInFailure> failures;
  private final PasswordCheck check;
  private final SignInThrottle throttle;
  private final Semaphore checks;
  private final byte[] pepper = new byte[32];
  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
  private final AtomicInteger checking = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private volatile String decoy;

  private final LoginFormToken loginForm;

  @Inject
  UserListIdentityProvider(
      AuthConfig config, Clock clock, Event<SignInFailure> failures, LoginFormToken loginForm) {
    this(config, clock, failures, PasswordHash::verify, loginForm);
  }

  UserListIdentityProvider(
      AuthConfig config, Clock clock, Event<SignInFailure> failures, PasswordCheck check) {
    this(config, clock, failures, check, LoginFormToken.NONE);
  }

  private UserListIdentityProvider(
      AuthConfig config,
      Clock clock,
      Event<SignInFailure> failures,
      PasswordCheck check,
      LoginFormToken loginForm) {
    this.loginForm = loginForm;
    this.config = config;
    this.clock = clock;
    this.failures = failures;
    this.check = check;
    this.throttle = SignInThrottle.of(config.throttle());
    this.checks = new Semaphore(Math.max(1, config.concurrentPasswordChecks()), true);
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
    return context.runBlocking(
        () -> {
          if (rc != null && !loginForm.valid(rc)) {
            throw refused(
                request.getUsername(),
                address(request),
                "the sign-in form came without its CSRF token",
                clock.instant());
          }
          return verify(
              request.getUsername(), request.getPassword().getPassword(), address(request));
        });
  }

  SecurityIdentity verify(String name, char[] password, String address) {
    Instant now = clock.instant();
    Optional<Duration> wait = throttle.wait(name, address, now);
    if (wait.isPresent()) {
      throw refused(
          name,
          address,
          "too many failed sign-ins: the next attempt is allowed in "
              + Math.max(1, wait.get().toSeconds())
              + " s",
          now);
    }
    AuthConfig.User user = config.mode() == AuthConfig.Mode.USERS ? config.users().get(name) : null;
    byte[] digest = digest(name, password);
    if (user != null) {
      byte[] known = verified.get(name);
      if (known != null && MessageDigest.isEqual(known, digest)) {
        throttle.succeeded(name);
        return identity(name, user);
      }
    }
    // An unknown name is checked against a hash of the same work: the answer takes as long.
    boolean matches =
        checked(password, user != null ? user.passwordHash() : decoy(), name, address);
    if (user == null || !matches) {
      throttle.failed(name, address, now);
      throw refused(name, address, user == null ? "unknown user" : "wrong password", now);
    }
    verified.put(name, digest);
    throttle.succeeded(name);
    return identity(name, user);
  }

  /**
   * A password check, one of at most {@code concurrent-password-checks} at once. A sign-in that
   * finds them all busy is refused at once rather than queued: waiting would hold a worker thread
   * per guess, and the pages need them.
   */
  private boolean checked(char[] password, String hash, String name, String address) {
    if (!checks.tryAcquire()) {
      throw refused(name, address, "too many sign-ins at once: try again", clock.instant());
    }
    try {
      mostAtOnce.accumulateAndGet(checking.incrementAndGet(), Math::max);
      return check.matches(password, hash);
    } finally {
      checking.decrementAndGet();
      checks.release();
    }
  }

  /** The most passwords this instance has checked at once. */
  int mostChecksAtOnce() {
    return mostAtOnce.get();
  }

  private AuthenticationFailedException refused(
      String name, String address, String reason, Instant at) {
    String shown = shown(name);
    LOG.warnf("Sign-in refused for %s from %s: %s", shown, address, reason);
    try {
      failures.fire(new SignInFailure(shown, address, reason, at));
    } catch (RuntimeException e) {
      LOG.errorf("Cannot record the refused sign-in of %s: %s", shown, e.getMessage());
    }
    return new AuthenticationFailedException();
  }

  /** A name as it may be logged: printable, at most 64 characters. */
  static String shown(String name) {
    String printable = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
  }

  /** A hash of a random password with the work of the users' hashes, made once. */
  private String decoy() {
    String d = decoy;
    if (d == null) {
      int iterations =
          config.users().values().stream()
              .mapToInt(u -> PasswordHash.iterations(u.passwordHash()))
              .max()
              .orElse(PasswordHash.ITERATIONS);
      char[] random = new char[24];
      SecureRandom r = new SecureRandom();
      for (int i = 0; i < random.length; i++) {
        random[i] = (char) ('a' + r.nextInt(26));
      }
      d = PasswordHash.hash(random, iterations);
      decoy = d;
    }
    return d;
  }

  private static String address(UsernamePasswordAuthenticationRequest request) {
    RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (rc == null || rc.request().remoteAddress() == null) {
      return "unknown";
    }
    return rc.request().remoteAddress().hostAddress();
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
