package io.stackwatch.notify;

import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.CallerIdentity;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.AlertSummaryFormatter;
import io.stackwatch.notify.message.DigestFormatter;
import io.stackwatch.notify.outbox.Backoff;
import io.stackwatch.notify.outbox.LogNotifier;
import io.stackwatch.notify.outbox.Notifier;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxSender;
import io.stackwatch.notify.outbox.SnsNotifier;
import io.stackwatch.notify.routing.RouteLoader;
import io.stackwatch.notify.routing.Routes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;

/**
 * Builds the notifier's parts from configuration; they are plain classes, so tests build them too.
 */
@ApplicationScoped
class NotifyProducer {

  @Produces
  @Singleton
  NotifyTopics topics(NotifyConfig config, Catalog catalog, CallerIdentity identity) {
    return NotifyTopics.from(config, catalog, env -> identity.account(env.target()));
  }

  @Produces
  @Singleton
  Notifier notifier(NotifyConfig config, AwsClients clients, Catalog catalog) {
    return switch (config.notifier()) {
      case SNS -> SnsNotifier.over(clients, catalog);
      case LOG -> new LogNotifier();
    };
  }

  @Produces
  @Singleton
  AlertSummaryFormatter summaries(NotifyConfig config) {
    return new AlertSummaryFormatter(config.baseUrl());
  }

  @Produces
  @Singleton
  DigestFormatter digests(NotifyConfig config) {
    return new DigestFormatter(config.baseUrl());
  }

  /** The routing tree of {@code alarms/routes.yaml}, the root's timings from configuration. */
  @Produces
  @Singleton
  Routes routes(NotifyConfig config, DataFiles files, Catalog catalog) {
    return Routes.of(
        RouteLoader.load(files, catalog.environments().stream().map(Environment::name).toList()),
        new GroupTimings(
            config.groupWait(),
            config.groupInterval(),
            config.repeatInterval().critical(),
            config.repeatInterval().warning(),
            config.repeatInterval().info()));
  }

  @Produces
  @Singleton
  AlertNotifications alerts(
      Routes routes,
      AlertGroupStore log,
      NotifyTopics topics,
      AlertSummaryFormatter formatter,
      AlarmEngine alarms,
      Clock clock) {
    return new AlertNotifications(routes, log, topics, formatter, alarms::status, clock);
  }

  @Produces
  @Singleton
  OutboxSender sender(Outbox outbox, Notifier notifier, NotifyConfig config, Clock clock) {
    return new OutboxSender(
        outbox,
        notifier,
        new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff()),
        clock,
        new Random());
  }
}
