package io.stackwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.TestClock;
import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Transition;
import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertSummary;
import io.stackwatch.notify.grouping.Fixtures;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.message.Message;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Backoff;
import io.stackwatch.notify.outbox.Delivery;
import io.stackwatch.notify.outbox.Notifier;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import io.stackwatch.notify.outbox.OutboxMessage.Status;
import io.stackwatch.notify.outbox.OutboxSender;
import io.stackwatch.notify.outbox.SnsNotifier;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.outbox.Topic.Purpose;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.PublishedMessage;
import io.stackwatch.simulator.SnsHandler;
import io.stackwatch.store.Database;
import io.stackwatch.store.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Delivery that loses nothing, on a real database (H2 file and PostgreSQL) through the real SDK
 * against the simulator's SNS: messages wait out an outage and a restart and are then sent once, in
 * order; a resend after a crash carries its deduplication id; one topic's trouble holds back no
 * other topic.
 */
@Tag("postgres")
class NotificationDeliveryTest {

  static final String PROD_ALERTS = SnsHandler.arn("us-east-1", "prod-alerts");
  static final String STAGING_ALERTS = SnsHandler.arn("us-east-1", "staging-alerts");

  /** A fresh, empty database of the kind asked. */
  static String freshDatabase(String kind) {
    return TestDatabases.fresh(kind);
  }

  final TestClock clock = new TestClock();
  AwsSimulator sim;
  SnsClient sns;
  final NotifyTopics topics =
      new NotifyTopics(
          List.of(
              new Topic("prod", Purpose.ALERTS, PROD_ALERTS, TopicFormat.TEXT),
              new Topic("staging", Purpose.ALERTS, STAGING_ALERTS, TopicFormat.TEXT)));

  @BeforeEach
  void startSimulator() {
    sim = AwsSimulator.start(0, clock, 42);
    sim.sns().ensureTopic("us-east-1", "prod-alerts");
    sns =
        SnsClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            // The SDK's own retries, as stackwatch configures them (fewer, to keep this quick).
            .overrideConfiguration(
                c ->
                    c.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(2)
                            .build()))
            .build();
  }

  @AfterEach
  void stopSimulator() {
    sns.close();
    sim.close();
  }

  /** One running stackwatch's notifier parts, on a database. */
  final class Instance implements AutoCloseable {
    final Database database;
    final Outbox outbox;
    final AlertNotifications alerts;
    final OutboxSender sender;

    Instance(String url, Notifier notifier) {
      database = new Database(url, null, null, 2);
      outbox = new Outbox(database);
      alerts =
          new AlertNotifications(
              GroupTimings.DEFAULTS,
              new AlertGroupStore(database),
              topics,
              new AlertSummaryFormatter("http://localhost:8080"),
              key -> Optional.empty(),
              clock);
      sender =
          new OutboxSender(
              outbox,
              notifier,
              new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)),
              clock,
              new Random(7));
    }

    Instance(String url) {
      this(url, sns());
    }

    /** One poll's transitions, then the notifier's tick 30 s later. */
    OutboxSender.Drain poll(Transition... transitions) {
      alerts.observe(List.of(transitions));
      clock.advance(Duration.ofSeconds(30));
      alerts.flush(java.util.Map.of());
      return sender.drain();
    }

    @Override
    public void close() {
      database.close();
    }
  }

  SnsNotifier sns() {
    return new SnsNotifier(
        target -> sns,
        env ->
            new io.stackwatch.catalog.AwsTarget("us-east-1", Optional.empty(), Optional.empty()));
  }

  Transition transition(Alert a, AlarmState from, AlarmState to) {
    return new Transition(
        a.key(),
        a.environment(),
        a.alarmId(),
        a.title(),
        a.severity(),
        from,
        to,
        clock.instant(),
        Optional.of(to == AlarmState.ALARM ? 91.0 : 40.0),
        a.reason());
  }

  List<PublishedMessage> published(String topicArn) {
    return sim.sns().published(topicArn);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void summariesWaitOutAnOutageAndARestartThenAreSentOnceInOrder(String kind) throws Exception {
    String url = freshDatabase(kind);
    sim.faults().serverError("sns", "Publish");
    Instance first = new Instance(url);

    OutboxSender.Drain d1 = first.poll(transition(Fixtures.cpu(), AlarmState.OK, AlarmState.ALARM));
    clock.advance(Duration.ofMinutes(5));
    OutboxSender.Drain d2 =
        first.poll(transition(Fixtures.api5xx(), AlarmState.OK, AlarmState.ALARM));
    assertThat(d1).isEqualTo(new OutboxSender.Drain(0, 1, 0));
    assertThat(d2)
        .as("the second waits behind the first")
        .isEqualTo(new OutboxSender.Drain(0, 1, 0));
    assertThat(sim.calls().count("sns", "Publish"))
        .as("two attempts each, SDK retries")
        .isEqualTo(4);

    // Restart while SNS is down: a new process on the same database.
    first.close();
    clock.advance(Duration.ofMinutes(5));
    Instance second = new Instance(url);
    List<OutboxMessage> pending = second.outbox.pending();
    assertThat(pending).hasSize(2).allMatch(m -> m.status() == Status.PENDING);
    assertThat(pending.get(0).attempts()).isEqualTo(2);
    assertThat(pending.get(0).lastError()).get().asString().contains("InternalError");
    assertThat(pending.get(1).attempts()).isEqualTo(0);

    // Both alarms recover after the restart: the stored group knows they were told.
    OutboxSender.Drain d3 =
        second.poll(
            transition(Fixtures.cpu(), AlarmState.ALARM, AlarmState.OK),
            transition(Fixtures.api5xx(), AlarmState.ALARM, AlarmState.OK));
    assertThat(d3.sent()).isZero();
    assertThat(published(PROD_ALERTS)).isEmpty();

    sim.faults().clear();
    clock.advance(Duration.ofMinutes(5));
    OutboxSender.Drain d4 = second.sender.drain();

    assertThat(d4).isEqualTo(new OutboxSender.Drain(3, 0, 0));
    List<PublishedMessage> sent = published(PROD_ALERTS);
    assertThat(sent)
        .extracting(PublishedMessage::subject)
        .containsExactly(
            "[prod] 1 firing: Database CPU above 80 %",
            "[prod] 2 firing: Database CPU above 80 %, API Gateway 5xx above 10 a minute",
            "[prod] 2 resolved: Database CPU above 80 %, API Gateway 5xx above 10 a minute");
    assertThat(sent)
        .extracting(m -> m.attribute("event"))
        .containsExactly("firing", "firing", "resolved");
    List<OutboxMessage> stored = new java.util.ArrayList<>(second.outbox.recent(10));
    java.util.Collections.reverse(stored);
    assertThat(sent)
        .extracting(m -> m.attribute(OutboxMessage.DEDUPLICATION_ATTRIBUTE))
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(stored.stream().map(OutboxMessage::deduplicationId).toList());
    assertThat(stored)
        .extracting(m -> m.messageId().orElseThrow())
        .containsExactlyElementsOf(sent.stream().map(PublishedMessage::messageId).toList());

    assertThat(second.sender.drain()).isEqualTo(OutboxSender.Drain.NOTHING);
    second.close();
    Instance third = new Instance(url);
    assertThat(third.sender.drain())
        .as("after another restart")
        .isEqualTo(OutboxSender.Drain.NOTHING);
    assertThat(third.alerts.groups()).as("every alarm told resolved").isEmpty();
    assertThat(published(PROD_ALERTS)).hasSize(3);
    third.close();
  }

  @Test
  void aResendAfterACrashCarriesTheSameDeduplicationIdAndFifoTakesItOnce() throws Exception {
    String fifo = sim.sns().ensureTopic("us-east-1", "prod-alerts.fifo");
    String url = freshDatabase("h2");
    AtomicBoolean crash = new AtomicBoolean(true);
    Notifier crashingAfterPublish =
        m -> {
          String id = sns().publish(m);
          if (crash.getAndSet(false)) {
            throw new IllegalStateException("killed before the outbox was updated");
          }
          return id;
        };
    try (Instance instance = new Instance(url, crashingAfterPublish)) {
      instance.outbox.enqueue(
          List.of(
              new Delivery(
                  new Topic("prod", Purpose.ALERTS, fifo, TopicFormat.TEXT),
                  new AlertSummaryFormatter("http://localhost:8080")
                      .format(
                          new AlertSummary(
                              "prod",
                              "i",
                              clock.instant(),
                              List.of(Fixtures.firing(Fixtures.cpu(), clock.instant())),
                              List.of(),
                              false),
                          TopicFormat.TEXT))),
          clock.instant());

      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(0, 1, 0));
      clock.advance(Duration.ofSeconds(20));
      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(1, 0, 0));

      List<PublishedMessage> taken = published(fifo);
      OutboxMessage m = instance.outbox.recent(1).get(0);
      assertThat(taken).as("SNS FIFO dropped the resend").hasSize(1);
      assertThat(taken.get(0).deduplicationId()).isEqualTo(m.deduplicationId());
      assertThat(taken.get(0).attribute(OutboxMessage.DEDUPLICATION_ATTRIBUTE))
          .isEqualTo(m.deduplicationId());
      assertThat(taken.get(0).groupId()).isEqualTo("prod");
      assertThat(m.messageId()).contains(taken.get(0).messageId());
      assertThat(m.attempts()).isEqualTo(2);
      assertThat(sim.calls().count("sns", "Publish")).isEqualTo(2);
    }
  }

  @Test
  void oneFailingTopicHoldsBackNoOtherAndCatchesUpOnceItAnswers() throws Exception {
    // SNS answers 500 for staging-alerts: worth retrying, unlike a topic that does not exist.
    sim.sns().ensureTopic("us-east-1", "staging-alerts");
    sim.faults().serverError("sns", "Publish").whenBodyContains("staging-alerts");
    try (Instance instance = new Instance(freshDatabase("h2"))) {
      instance.alerts.observe(
          List.of(
              transition(Fixtures.in("staging", Fixtures.cpu()), AlarmState.OK, AlarmState.ALARM),
              transition(Fixtures.cpu(), AlarmState.OK, AlarmState.ALARM)));
      clock.advance(Duration.ofSeconds(30));
      instance.alerts.flush(java.util.Map.of());

      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(1, 1, 0));
      assertThat(published(PROD_ALERTS)).hasSize(1);
      OutboxMessage waiting = instance.outbox.pending().get(0);
      assertThat(waiting.topicArn()).isEqualTo(STAGING_ALERTS);
      assertThat(waiting.lastError()).contains("InternalError: Internal Error (HTTP 500)");
      assertThat(waiting.nextAttemptAt())
          .as("backoff of 10 s with equal jitter")
          .isBetween(clock.instant().plusSeconds(5), clock.instant().plusSeconds(10));

      sim.faults().clear();
      assertThat(instance.sender.drain()).as("not due yet").isEqualTo(OutboxSender.Drain.NOTHING);
      clock.advance(Duration.ofSeconds(10));
      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(1, 0, 0));
      assertThat(published(STAGING_ALERTS))
          .singleElement()
          .satisfies(m -> assertThat(m.attribute("environment")).isEqualTo("staging"));
    }
  }

  @Test
  void aTopicThatDoesNotExistFailsItsMessagesWithTheReasonAndHoldsBackNoOther() throws Exception {
    try (Instance instance = new Instance(freshDatabase("h2"))) {
      // staging-alerts does not exist: SNS answers 404 NotFound, which no retry mends.
      instance.alerts.observe(
          List.of(
              transition(Fixtures.in("staging", Fixtures.cpu()), AlarmState.OK, AlarmState.ALARM),
              transition(Fixtures.cpu(), AlarmState.OK, AlarmState.ALARM)));
      clock.advance(Duration.ofSeconds(30));
      instance.alerts.flush(java.util.Map.of());

      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(1, 0, 1));
      assertThat(published(PROD_ALERTS)).hasSize(1);
      assertThat(instance.outbox.pending()).isEmpty();
      assertThat(instance.outbox.recent(2))
          .filteredOn(m -> m.topicArn().equals(STAGING_ALERTS))
          .singleElement()
          .satisfies(
              m -> assertThat(m.lastError()).contains("NotFound: Topic does not exist (HTTP 404)"));
      assertThat(sim.calls().count("sns", "Publish")).as("tried once, not retried").isEqualTo(2);
    }
  }

  @Test
  void aMessageSnsRefusesIsFailedAndTheNextOneStillGoes() throws Exception {
    try (Instance instance = new Instance(freshDatabase("h2"))) {
      Topic prod = topics.alerts("prod").orElseThrow();
      Message fine =
          new Message(
              "prod", NotificationEvent.FIRING, io.stackwatch.alarm.Severity.CRITICAL, "ok", "b");
      Message refused =
          new Message(
              "prod",
              NotificationEvent.FIRING,
              io.stackwatch.alarm.Severity.CRITICAL,
              "two\nlines",
              "b");
      instance.outbox.enqueue(
          List.of(new Delivery(prod, refused), new Delivery(prod, fine)), clock.instant());

      assertThat(instance.sender.drain()).isEqualTo(new OutboxSender.Drain(1, 0, 1));
      OutboxMessage failed = instance.outbox.recent(2).get(1);
      assertThat(failed.status()).isEqualTo(Status.FAILED);
      assertThat(failed.lastError()).get().asString().startsWith("InvalidParameter:");
      assertThat(published(PROD_ALERTS))
          .extracting(PublishedMessage::subject)
          .containsExactly("ok");
      clock.advance(Duration.ofHours(1));
      assertThat(instance.sender.drain()).isEqualTo(OutboxSender.Drain.NOTHING);
    }
  }
}
