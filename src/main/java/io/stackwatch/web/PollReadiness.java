package io.stackwatch.web;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.store.Database;
import io.stackwatch.store.Freshness;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every environment has been polled and none is stale. */
@Readiness
@Singleton
public class PollReadiness implements HealthCheck {

  private final Catalog catalog;
  private final Freshness freshness;
  private final Clock clock;
  private final Database database;

  PollReadiness(Catalog catalog, Freshness freshness, Clock clock, Database database) {
    this.database = database;
    this.catalog = catalog;
    this.freshness = freshness;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    Instant now = clock.instant();
    HealthCheckResponseBuilder b = HealthCheckResponse.named("cloudwatch-data").up();
    for (Environment e : catalog.environments()) {
      Freshness.Status s = freshness.of(e.name());
      String state =
          s.lastSuccess().isEmpty()
              ? "never polled"
              : freshness.isStale(e.name(), now) ? "stale" : "fresh";
      if (!state.equals("fresh")) {
        b.down();
      }
      b.withData(e.name(), state);
    }
    // Shown, not counted: every instance shares the store, and taking them all out of service
    // would stop the pages that still serve from memory.
    b.withData("store", database.available() ? "available" : "unavailable");
    return b.build();
  }
}
