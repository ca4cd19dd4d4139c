package io.stackwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmHistory;
import io.stackwatch.cost.CostCollector;
import io.stackwatch.cost.CostExplorerCostSource;
import io.stackwatch.notify.message.DigestFormatter;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.poll.Replica;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance for the digest, across a restart: stackwatch starts after 08:00 UTC with
 * no digest yet that day; none is written until every environment was evaluated and Cost Explorer
 * answered, then one per environment; the process stops, and a second one started on the same store
 * the same day writes none, however long it waits. Each process is built from the real classes the
 * application wires ({@link Replica}) on one H2 file, as two starts of the jar would share it.
 */
@Tag("plain")
class DigestRestartTest {

  static final List<String> ENVIRONMENTS = List.of("prod", "staging", "dev");

  final TestClock clock = new TestClock(); // Thursday 26 November 2026, 12:00:05 UTC
  AwsSimulator sim;
  String url;
  SmallRyeConfig config;
  NotifyTopics topics;

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(0, clock, 42);
    topics =
        new NotifyTopics(
            ENVIRONMENTS.stream()
                .map(
                    env ->
                        new Topic(
                            env,
                            Topic.Purpose.NOTIFICATIONS,
                            sim.sns().ensureTopic("us-east-1", env + "-notifications"),
                            TopicFormat.TEXT))
                .toList());
    url = TestDatabases.fresh("h2");
    config = Replica.config(url);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** One start of stackwatch: its parts, and the digest as the notifier writes it. */
  final class Start implements AutoCloseable {
    final Replica process = new Replica(url, config, sim, clock);
    final DailyDigest digest =
        new DailyDigest(
            notifyConfig(),
            process.snapshots,
            new AlarmHistory(process.database),
            new Outbox(process.database),
            topics,
            new DigestFormatter("https://stackwatch.example.com"),
            clock);
    final CostCollector costs =
        new CostCollector(
            process.catalog,
            new CostExplorerCostSource(process.clients),
            process.costLog,
            process.costs,
            process.costConfig,
            clock);

    /** The next poll on the 5-minute grid: poll, evaluate, publish. */
    void poll() {
      long now = clock.instant().getEpochSecond();
      clock.advance(Duration.ofSeconds((now / 300 + 1) * 300 + 5 - now));
      assertThat(process.job.cycle()).as("this process leads").isPresent();
    }

    void askCostExplorer() {
      assertThat(costs.refresh().failures()).isEmpty();
      process.snapshots.publishCosts();
    }

    @Override
    public void close() {
      process.close();
    }
  }

  static NotifyConfig notifyConfig() {
    return new SmallRyeConfigBuilder()
        .withMapping(NotifyConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withConverter(LocalTime.class, 100, LocalTime::parse)
        .build()
        .getConfigMapping(NotifyConfig.class);
  }

  int digestsPublished(String environment) {
    return sim.sns().published(SnsHandler.arn("us-east-1", environment + "-notifications")).size();
  }

  @Test
  void aFreshStartAfterEightWaitsForEvaluationAndCostThenSendsOneAndARestartSendsNone() {
    try (Start first = new Start()) {
      assertThat(first.digest.enqueueDue()).as("nothing evaluated yet").isZero();
      first.poll();
      assertThat(first.digest.enqueueDue()).as("Cost Explorer not asked yet").isZero();
      first.askCostExplorer();
      assertThat(first.digest.enqueueDue()).as("one per environment").isEqualTo(3);
      assertThat(first.digest.enqueueDue()).as("one a day").isZero();
      clock.advance(Duration.ofSeconds(10));
      first.process.notifyTick();
      for (String env : ENVIRONMENTS) {
        assertThat(digestsPublished(env)).as(env).isEqualTo(1);
      }
      assertThat(sim.sns().published(SnsHandler.arn("us-east-1", "prod-notifications")).get(0))
          .satisfies(
              m -> {
                assertThat(m.subject()).startsWith("[prod] Daily digest 2026-11-26: ");
                assertThat(m.message()).doesNotContain("Written without");
              });
    }

    // A restart an hour later, the same day, on the same store.
    clock.advance(Duration.ofHours(1));
    try (Start second = new Start()) {
      assertThat(second.digest.enqueueDue()).isZero();
      second.poll();
      second.askCostExplorer();
      assertThat(second.digest.enqueueDue()).as("evaluated and costed: still none").isZero();
      clock.advance(Duration.ofHours(3));
      assertThat(second.digest.enqueueDue()).as("past the two hours' wait: still none").isZero();
      second.process.notifyTick();
    }
    for (String env : ENVIRONMENTS) {
      assertThat(digestsPublished(env)).as(env + ", after the restart").isEqualTo(1);
    }

    // The next morning's start sends the next day's.
    clock.advance(
        java.time.Duration.between(
            clock.instant(), java.time.Instant.parse("2026-11-27T09:00:00Z")));
    try (Start third = new Start()) {
      third.poll();
      third.askCostExplorer();
      assertThat(third.digest.enqueueDue()).isEqualTo(3);
    }
  }
}
