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
 * otherwise make up and print in the log. With it sessions end at a restart.
 */
@Priority(Priorities.APPLICATION + 100)
public class AuthDefaults implements ConfigSourceInterceptor {

  static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
  static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

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
    if (SESSION_KEY.equals(name) && (value == null || value.getValue() == null)) {
      return derived(value, name, PROCESS_KEY);
    }
    return value;
  }

  private static ConfigValue derived(ConfigValue value, String name, String v) {
    ConfigValue.ConfigValueBuilder b =
        value == null ? ConfigValue.builder().withName(name) : value.from();
    return b.withValue(v).withConfigSourceName("stackwatch.auth").build();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
