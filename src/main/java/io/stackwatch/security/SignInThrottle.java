package io.stackwatch.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: failed sign-ins are counted per user name and per client address; past a few
 * free ones each next attempt on that name or from that address must wait, twice as long after each
 * further failure, up to a longest wait. An attempt made too soon is refused without its password
 * being checked. A success clears its name's count (not its address's: signing in as oneself does
 * not buy more guesses at others); a count left alone for twice the longest wait is forgotten. In
 * memory only, bounded.
 */
final class SignInThrottle {

  /** Names and addresses remembered at most; past that the forgotten ones are dropped first. */
  static final int MAX_KEYS = 50_000;

  private record Failures(int count, Instant last) {}

  private final int freeAttempts;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  SignInThrottle(int freeAttempts, Duration firstDelay, Duration maxDelay) {
    this.freeAttempts = freeAttempts;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
  }

  static SignInThrottle of(AuthConfig.Throttle config) {
    return new SignInThrottle(config.freeAttempts(), config.firstDelay(), config.maxDelay());
  }

  /** How long an attempt on {@code user} from {@code address} must still wait; empty: none. */
  Optional<Duration> wait(String user, String address, Instant now) {
    Duration wait = later(wait(userKey(user), now), wait(addressKey(address), now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  void failed(String user, String address, Instant now) {
    if (failures.size() >= MAX_KEYS) {
      failures.entrySet().removeIf(e -> forgotten(e.getValue(), now));
      if (failures.size() >= MAX_KEYS) {
        // Flooded with names and addresses: start again rather than fill the heap.
        failures.clear();
      }
    }
    for (String key : new String[] {userKey(user), addressKey(address)}) {
      failures.merge(
          key,
          new Failures(1, now),
          (before, one) -> new Failures(forgotten(before, now) ? 1 : before.count() + 1, now));
    }
  }

  void succeeded(String user) {
    failures.remove(userKey(user));
  }

  private Duration wait(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.count() < freeAttempts || forgotten(f, now)) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, f.last().plus(delay(f.count())));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The wait after {@code count} failures, {@code count >= freeAttempts}. */
  Duration delay(int count) {
    int doublings = Math.min(count - freeAttempts, 30);
    Duration d = firstDelay.multipliedBy(1L << doublings);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  private boolean forgotten(Failures f, Instant now) {
    return !f.last().plus(maxDelay.multipliedBy(2)).isAfter(now);
  }

  private static Duration later(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String user) {
    return "user " + user;
  }

  private static String addressKey(String address) {
    return "address " + address;
  }
}
