package io.stackwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.stackwatch.TestClock;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords of the built-in users, against the real sign-in code with a test clock: a name
 * or an address that failed too often waits, longer after each further failure; an unknown name
 * costs the same password work as a known one; every refusal is reported without the password; and
 * no more passwords are checked at once than configured.
 */
@Tag("plain")
class SignInGuessingTest {

  static final String HASH = PasswordHash.hash("ada-correct-horse".toCharArray(), 20_000);
  static final char[] RIGHT = "ada-correct-horse".toCharArray();
  static final String GUESS = "hunter2-guess";

  final TestClock clock = new TestClock();
  final List<SignInFailure> fired = Collections.synchronizedList(new ArrayList<>());
  final List<Integer> work = Collections.synchronizedList(new ArrayList<>());

  UserListIdentityProvider provider(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("STACKWATCH_AUTH_MODE", "users");
    env.put("STACKWATCH_AUTH_USERS_ADA_PASSWORD_HASH", HASH);
    env.put("STACKWATCH_AUTH_USERS_ADA_ROLES", "admin");
    env.put("STACKWATCH_AUTH_THROTTLE_FREE_ATTEMPTS", "3");
    env.put("STACKWATCH_AUTH_THROTTLE_FIRST_DELAY", "1s");
    env.put("STACKWATCH_AUTH_THROTTLE_MAX_DELAY", "1m");
    env.putAll(extra);
    return new UserListIdentityProvider(
        SignInConfigTest.fromEnvironment(env),
        clock,
        new Recorded(),
        (password, stored) -> {
          work.add(PasswordHash.iterations(stored));
          return PasswordHash.verify(password, stored);
        });
  }

  static void refused(Runnable attempt) {
    assertThatThrownBy(attempt::run).isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void aNameThatFailedTooOftenWaitsLongerAfterEachFurtherFailure() {
    UserListIdentityProvider p = provider(Map.of());
    for (String address : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
      refused(() -> p.verify("ada", GUESS.toCharArray(), address));
    }
    // From yet another address, even the right password waits, and is not even checked.
    int checked = work.size();
    refused(() -> p.verify("ada", RIGHT, "10.0.0.9"));
    assertThat(work).hasSize(checked);
    assertThat(fired.get(fired.size() - 1).reason()).contains("next attempt is allowed in 1 s");

    clock.advance(Duration.ofSeconds(1));
    refused(() -> p.verify("ada", GUESS.toCharArray(), "10.0.0.9"));
    // A fourth failure: now two seconds.
    clock.advance(Duration.ofSeconds(1));
    refused(() -> p.verify("ada", RIGHT, "10.0.0.9"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(p.verify("ada", RIGHT, "10.0.0.9").getPrincipal().getName()).isEqualTo("ada");
  }

  @Test
  void anAddressThatFailedTooOftenWaitsWhateverNameItTries() {
    UserListIdentityProvider p = provider(Map.of());
    for (String name : List.of("root", "admin", "ops")) {
      refused(() -> p.verify(name, GUESS.toCharArray(), "192.0.2.7"));
    }
    refused(() -> p.verify("ada", RIGHT, "192.0.2.7"));
    // Another address is not held back; and this one may try again after the wait.
    assertThat(p.verify("ada", RIGHT, "192.0.2.8").getPrincipal().getName()).isEqualTo("ada");
    clock.advance(Duration.ofSeconds(1));
    assertThat(p.verify("ada", RIGHT, "192.0.2.7").getPrincipal().getName()).isEqualTo("ada");
  }

  @Test
  void anUnknownNameCostsTheSamePasswordWorkAsAKnownOne() {
    UserListIdentityProvider p = provider(Map.of("STACKWATCH_AUTH_THROTTLE_FREE_ATTEMPTS", "1000"));
    refused(() -> p.verify("ada", GUESS.toCharArray(), "10.0.0.1"));
    refused(() -> p.verify("nobody", GUESS.toCharArray(), "10.0.0.1"));
    assertThat(work).containsExactly(20_000, 20_000);

    long known = median(() -> p.verify("ada", GUESS.toCharArray(), "10.0.0.1"));
    long unknown = median(() -> p.verify("nobody", GUESS.toCharArray(), "10.0.0.1"));
    System.out.printf(
        "Refused sign-in, 20,000 iterations: known name %.1f ms, unknown name %.1f ms (median of"
            + " 7)%n",
        known / 1e6, unknown / 1e6);
  }

  @Test
  void everyRefusalIsReportedWithNameAddressAndReasonNeverThePassword() {
    UserListIdentityProvider p = provider(Map.of());
    refused(() -> p.verify("ada", GUESS.toCharArray(), "10.0.0.1"));
    refused(() -> p.verify("mallory\n", GUESS.toCharArray(), "10.0.0.2"));
    assertThat(fired)
        .extracting(SignInFailure::user, SignInFailure::address, SignInFailure::reason)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("ada", "10.0.0.1", "wrong password"),
            org.assertj.core.api.Assertions.tuple("mallory?", "10.0.0.2", "unknown user"));
    assertThat(fired).allSatisfy(f -> assertThat(f.toString()).doesNotContain(GUESS));
  }

  @Test
  void noMorePasswordsAreCheckedAtOnceThanConfigured() throws Exception {
    UserListIdentityProvider p = provider(Map.of("STACKWATCH_AUTH_THROTTLE_FREE_ATTEMPTS", "1000"));
    ExecutorService guessers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String address = "198.51.100." + i;
        done.add(
            guessers.submit(
                () -> {
                  try {
                    p.verify("guess", GUESS.toCharArray(), address);
                  } catch (AuthenticationFailedException expected) {
                    // refused, as a guess is
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      guessers.shutdownNow();
    }
    assertThat(work).isNotEmpty();
    assertThat(p.mostChecksAtOnce()).isEqualTo(1);
  }

  private static long median(Runnable attempt) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long t = System.nanoTime();
      try {
        attempt.run();
      } catch (AuthenticationFailedException expected) {
        // refused
      }
      times.add(System.nanoTime() - t);
    }
    Collections.sort(times);
    return times.get(3);
  }

  /** The CDI event, recorded. */
  final class Recorded implements Event<SignInFailure> {
    @Override
    public void fire(SignInFailure event) {
      fired.add(event);
    }

    @Override
    public <U extends SignInFailure> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends SignInFailure> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<SignInFailure> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends SignInFailure> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends SignInFailure> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
