package io.stackwatch.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the stores, under {@code stackwatch.store}. */
@ConfigMapping(prefix = "stackwatch.store")
public interface StoreConfig {

  /** How much history each series keeps in memory. Default 24 hours. */
  @WithDefault("24h")
  Duration retention();

  /** Finest period stored. Default 60 seconds. */
  @WithDefault("60s")
  Duration period();

  /** Data older than this is stale even when no poll failed. Default 12 minutes. */
  @WithDefault("12m")
  Duration staleAfter();

  /**
   * JDBC URL of the database keeping alarm states and history: an H2 file by default, {@code
   * jdbc:postgresql://host:5432/stackwatch} in production. The default writes each commit to the
   * file before it returns ({@code WRITE_DELAY=0}; H2's own default delays writes by half a
   * second), so a change that was answered survives the process being killed, and compresses the
   * pages it writes ({@code COMPRESS=TRUE}: a 10,000-series estate's history after hours of polls
   * takes 880 MB rather than about 1,050 MB).
   */
  @WithDefault("jdbc:h2:file:./data/stackwatch" + Database.H2_SETTINGS)
  String jdbcUrl();

  /** Database user. Default none (H2's default user). */
  Optional<String> username();

  /** Database password; a secret, never shown or logged. Default none. */
  Optional<String> password();

  /** Connections kept by the pool at most. Default 8. */
  @WithDefault("8")
  int maxConnections();

  /**
   * How long a request waits for a connection while the database cannot be reached, before it is
   * answered 503 (the store is unavailable). Default 5 seconds.
   */
  @WithDefault("5s")
  Duration acquisitionTimeout();

  /**
   * The leader's lease on PostgreSQL: how long the leading instance may say nothing on its lock's
   * session (its process stopped, a long pause) before PostgreSQL ends the session ({@code
   * idle_session_timeout}), which frees the lead for another instance. A working leader speaks at
   * every notifier tick (10 s) and every poll. Default 60 seconds.
   */
  @WithDefault("60s")
  Duration leaderLease();
}
