package io.stackwatch.web.api;

import io.stackwatch.notify.TopicChecks;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.Database;
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

  private final Snapshots snapshots;
  private final TopicChecks topics;
  private final Clock clock;
  private final Database database;

  PollReadiness(Snapshots snapshots, TopicChecks topics, Clock clock, Database database) {
    this.snapshots = snapshots;
    this.topics = topics;
    this.clock = clock;
    this.database = database;
  }

  @Override
  public HealthCheckResponse call() {
    Instant now = clock.instant();
    HealthCheckResponseBuilder b = HealthCheckResponse.named("cloudwatch-data").up();
    for (EnvironmentState e : snapshots.current().environments()) {
      String state = !e.polled() ? "waiting for the first poll" : e.stale(now) ? "stale" : "fresh";
      if (!e.polled() || e.stale(now)) {
        b.down();
      }
      b.withData(e.name(), state);
    }
    // Shown, not counted: every instance shares the store, and taking them all out of service
    // would stop the pages that still serve from memory.
    b.withData("store", database.available() ? "available" : "unavailable");
    // Shown too: a topic that cannot be used is for a person to fix, not a reason to stop serving.
    for (Topic t : topics.topics().all()) {
      topics
          .of(t.arn())
          .ifPresent(c -> b.withData("topic " + t.arn(), c.problem().orElse("usable")));
    }
    topics.topics().problems().forEach((env, why) -> b.withData("topics of " + env, why));
    return b.build();
  }
}
