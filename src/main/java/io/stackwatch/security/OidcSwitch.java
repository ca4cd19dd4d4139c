package io.stackwatch.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Locale;

/**
 * Turns Quarkus' OpenID Connect tenant on exactly when {@code stackwatch.auth.mode=oidc}, so that
 * one setting chooses how people sign in and the other modes need no provider.
 */
@Priority(Priorities.APPLICATION + 100)
public class OidcSwitch implements ConfigSourceInterceptor {

  static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (!TENANT_ENABLED.equals(name)) {
      return value;
    }
    ConfigValue mode = context.proceed("stackwatch.auth.mode");
    boolean oidc =
        mode != null
            && mode.getValue() != null
            && mode.getValue().strip().toLowerCase(Locale.ROOT).equals("oidc");
    ConfigValue.ConfigValueBuilder b =
        value == null ? ConfigValue.builder().withName(name) : value.from();
    return b.withValue(Boolean.toString(oidc)).withConfigSourceName("stackwatch.auth.mode").build();
  }
}
