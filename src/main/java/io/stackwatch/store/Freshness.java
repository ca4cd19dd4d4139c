package io.stackwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fresh each environment's data is: when it was last polled, whether that worked and why not.
 * Data is stale when the last poll failed or the last success is older than {@code staleAfter}.
 */
public final class Freshness {

  private final ConcurrentHashMap<String, Status> statuses = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<String>> skipped = new ConcurrentHashMap<>();
  private final Duration staleAfter;

  public Freshness(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  public void succeeded(String env, Instant at) {
    statuses.put(env, new Status(Optional.of(at), Optional.of(at), Optional.empty()));
  }

  public void failed(String env, Instant at, String error) {
    statuses.compute(
        env,
        (k, old) ->
            new Status(
                Optional.of(at),
                old == null ? Optional.empty() : old.lastSuccess(),
                Optional.of(error)));
  }

  /**
   * The queries of an environment that CloudWatch refused on their own in the last poll (each with
   * its reason): skipped, while the rest was collected.
   */
  public void skipped(String env, List<String> queries) {
    skipped.put(env, List.copyOf(queries));
  }

  public List<String> skipped(String env) {
    return skipped.getOrDefault(env, List.of());
  }

  /** Takes another instance's view of an environment, as stored in the database. */
  public void restore(String env, Status status, List<String> skippedQueries) {
    statuses.put(env, status);
    skipped.put(env, List.copyOf(skippedQueries));
  }

  /** Every environment polled so far. */
  public Map<String, Status> all() {
    return Map.copyOf(statuses);
  }

  /** How old data may be before it is stale even when no poll failed. */
  public Duration staleAfter() {
    return staleAfter;
  }

  public Status of(String env) {
    return statuses.getOrDefault(env, Status.NEVER);
  }

  public boolean isStale(String env, Instant now) {
    Status s = of(env);
    return s.lastError().isPresent()
        || s.lastSuccess().isEmpty()
        || Duration.between(s.lastSuccess().get(), now).compareTo(staleAfter) > 0;
  }

  /**
   * The poll history of one environment.
   *
   * @param lastAttempt when it was last polled
   * @param lastSuccess when a poll last succeeded
   * @param lastError why the last poll failed; empty when it succeeded
   */
  public record Status(
      Optional<Instant> lastAttempt, Optional<Instant> lastSuccess, Optional<String> lastError) {
    static final Status NEVER = new Status(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
