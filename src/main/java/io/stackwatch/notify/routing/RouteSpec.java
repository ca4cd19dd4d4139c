package io.stackwatch.notify.routing;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route as written in {@code alarms/routes.yaml}: what it sets itself. What it leaves out it
 * inherits from its parent, and the root from {@code stackwatch.notify} ({@link Routes#of}).
 *
 * @param matchers what an alarm must match to take this route; none on the root
 * @param continueMatching whether the siblings after it are tried too once it matched
 * @param topic the environment's topic it sends to
 * @param format how its messages are written; empty: as the topic's format says
 * @param groupWait how long a new group waits for companions
 * @param groupInterval least time between two sends of one group
 * @param repeat when a group still firing is sent again, per severity (empty: never)
 * @param routes its children, tried in order
 * @param line where it starts in its file
 */
public record RouteSpec(
    List<Matcher> matchers,
    boolean continueMatching,
    Optional<Purpose> topic,
    Optional<TopicFormat> format,
    Optional<Duration> groupWait,
    Optional<Duration> groupInterval,
    Map<Severity, Optional<Duration>> repeat,
    List<RouteSpec> routes,
    int line) {

  public RouteSpec {
    matchers = List.copyOf(matchers);
    repeat = Map.copyOf(repeat);
    routes = List.copyOf(routes);
  }

  /**
   * The root that sends every alarm to its environment's alerts topic, as stackwatch always did.
   */
  public static RouteSpec defaultRoot() {
    return new RouteSpec(
        List.of(),
        false,
        Optional.of(Purpose.ALERTS),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        List.of(),
        1);
  }
}
