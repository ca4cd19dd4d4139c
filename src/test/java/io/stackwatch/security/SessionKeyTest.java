package io.stackwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The key that encrypts sign-in cookies: with a configured key, sessions survive a restart while
 * the passwords stay, and end when any password changes (the key the cookies were sealed with is
 * gone); without one, each process has its own.
 */
@Tag("plain")
class SessionKeyTest {

  static final String CONFIGURED = "a-configured-key-of-32-characters!";

  static String sessionKey(Map<String, String> env) {
    return new SmallRyeConfigBuilder()
        .withSources(new EnvConfigSource(env, 300))
        .withInterceptors(new AuthDefaults())
        .build()
        .getConfigValue(AuthDefaults.SESSION_KEY)
        .getValue();
  }

  static Map<String, String> users(String adaHash) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", CONFIGURED);
    env.put("STACKWATCH_AUTH_MODE", "users");
    env.put("STACKWATCH_AUTH_USERS_ADA_PASSWORD_HASH", adaHash);
    env.put("STACKWATCH_AUTH_USERS_VERA_PASSWORD_HASH", "pbkdf2-sha256:20000:dmVyYQ==:vera");
    return env;
  }

  @Test
  void aPasswordChangeEndsEverySessionAndARestartWithoutOneEndsNone() {
    String before = sessionKey(users("pbkdf2-sha256:20000:c2FsdA==:old"));
    assertThat(sessionKey(users("pbkdf2-sha256:20000:c2FsdA==:old")))
        .as("a restart with the same passwords")
        .isEqualTo(before);
    assertThat(sessionKey(users("pbkdf2-sha256:20000:c2FsdA==:new")))
        .as("ada's password changed")
        .isNotEqualTo(before);
    assertThat(before).isNotEqualTo(CONFIGURED);
  }
}
