package io.stackwatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Who may sign in and what they may do, under {@code stackwatch.auth}. */
@ConfigMapping(prefix = "stackwatch.auth")
public interface AuthConfig {

  /**
   * How people sign in. {@code open} (default): nobody signs in and everyone is an admin, allowed
   * only while stackwatch listens on a loopback address. {@code users}: the built-in user list
   * below, by form login in a browser and HTTP Basic for scripts. {@code oidc}: an OpenID Connect
   * provider configured under {@code quarkus.oidc}.
   */
  @WithDefault("open")
  Mode mode();

  /** The built-in users by name, for {@code mode=users}. */
  Map<String, User> users();

  /**
   * Paths anyone may read without signing in, such as the load balancer's health check and the
   * Prometheus scrape. Default {@code /q/health,/q/health/*,/q/metrics}; leave out {@code
   * /q/metrics} to have Prometheus sign in too.
   */
  @WithDefault("/q/health,/q/health/*,/q/metrics")
  List<String> openPaths();

  /** OpenID Connect groups to roles, for {@code mode=oidc}. */
  Oidc oidc();

  /** How repeated failed sign-ins of the built-in users are slowed down. */
  Throttle throttle();

  /**
   * Passwords checked at once at most (each check is PBKDF2's 600,000 iterations, a fraction of a
   * second of one core); a sign-in that finds them all busy is refused at once (try again), so
   * guessing cannot take every core, nor the worker threads, from the pages. Default 1.
   */
  @WithDefault("1")
  int concurrentPasswordChecks();

  /** Growing waits after failed sign-ins, per user name and per client address. */
  interface Throttle {
    /** Failed sign-ins allowed before each next attempt must wait. Default 5. */
    @WithDefault("5")
    int freeAttempts();

    /**
     * The wait after the first failure past the free ones; it doubles with each further failure.
     * Default 1 second.
     */
    @WithDefault("1s")
    java.time.Duration firstDelay();

    /** The longest wait; a count left alone for twice this is forgotten. Default 15 minutes. */
    @WithDefault("15m")
    java.time.Duration maxDelay();
  }

  /** How people sign in. */
  enum Mode {
    OPEN,
    USERS,
    OIDC
  }

  /** A built-in user. */
  interface User {
    /**
     * The password's PBKDF2 hash, {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, as printed by
     * {@code java -cp target/classes io.stackwatch.security.PasswordHash}.
     */
    String passwordHash();

    /**
     * The user's roles: viewer, operator or admin (each includes the ones before). Default viewer.
     */
    @WithDefault("viewer")
    List<String> roles();
  }

  /** Roles from the provider's groups. */
  interface Oidc {
    /**
     * The groups whose members get each role ({@code viewer}, {@code operator}, {@code admin}),
     * such as {@code stackwatch.auth.oidc.roles.operator=ops,sre}. A role not listed is given to
     * the group of the same name. The groups are read from the claim {@code
     * quarkus.oidc.roles.role-claim-path} names ({@code groups} by default, {@code cognito:groups}
     * for Cognito).
     */
    Map<String, List<String>> roles();
  }
}
