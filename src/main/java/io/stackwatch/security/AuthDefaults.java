package io.stackwatch.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Two Quarkus settings derived from stackwatch's: the OpenID Connect tenant is on exactly when
 * {@code stackwatch.auth.mode=oidc}, so one setting chooses how people sign in; and the key that
 * encrypts the form login cookie, unless configured ({@code
 * QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY}), is a random one of this process, which Quarkus would
 * otherwise make up and print in the log. With it sessions end at a restart. A configured key is
 * used mixed with every built-in user's password hash, so that sessions survive a restart but end
 * when a password changes (its hash is new: the cookies of the old key no longer open). And the key
 * that signs CSRF tokens ({@code quarkus.rest-csrf.token-signature-key}), unless configured, is
 * derived from the configured session key, or this process's.
 */
@Priority(Priorities.APPLICATION + 100)
public class AuthDefaults implements ConfigSourceInterceptor {

  static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
  static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
  static final String CSRF_KEY = "quarkus.rest-csrf.token-signature-key";

  private static final String PROCESS_KEY = randomKey();

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (TENANT_ENABLED.equals(name)) {
      ConfigValue mode = context.proceed("stackwatch.auth.mode");
      boolean oidc =
          mode != null
              && mode.getValue() != null
              && mode.getValue().strip().toLowerCase(Locale.ROOT).equals("oidc");
      return derived(value, name, Boolean.toString(oidc));
    }
    if (SESSION_KEY.equals(name)) {
      if (value == null || value.getValue() == null) {
        return derived(value, name, PROCESS_KEY);
      }
      return derived(value, name, withPasswords(value.getValue(), context));
    }
    if (CSRF_KEY.equals(name) && (value == null || value.getValue() == null)) {
      // Signed CSRF tokens: a cookie and form field an attacker made up do not match. The key
      // follows the configured session key, so that every replica checks every other's tokens.
      ConfigValue session = context.proceed(SESSION_KEY);
      String base =
          session == null || session.getValue() == null ? PROCESS_KEY : session.getValue();
      return derived(value, name, sha256("csrf\n" + base));
    }
    return value;
  }

  private static ConfigValue derived(ConfigValue value, String name, String v) {
    ConfigValue.ConfigValueBuilder b =
        value == null ? ConfigValue.builder().withName(name) : value.from();
    return b.withValue(v).withConfigSourceName("stackwatch.auth").build();
  }

  private static final java.util.regex.Pattern PASSWORD_HASH =
      java.util.regex.Pattern.compile(
          "(?i)stackwatch[._]auth[._]users[._](.+)[._]password[._]hash");

  /** The configured key mixed with every user's password hash, in a stable order. */
  private static String withPasswords(String key, ConfigSourceInterceptorContext context) {
    java.util.SortedMap<String, String> hashes = new java.util.TreeMap<>();
    for (java.util.Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
      String n = names.next();
      java.util.regex.Matcher m = PASSWORD_HASH.matcher(n);
      if (m.matches()) {
        ConfigValue v = context.proceed(n);
        if (v != null && v.getValue() != null) {
          hashes.put(m.group(1).toLowerCase(Locale.ROOT).replace('_', '-'), v.getValue());
        }
      }
    }
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      hashes.forEach(
          (user, hash) ->
              sha.update(
                  ("\n" + user + "=" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
