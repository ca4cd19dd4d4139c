package io.stackwatch.notify.routing;

import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A route with everything it inherited filled in: where the alarms it takes go and when. Each route
 * keeps groups of its own, one per environment, as Alertmanager's aggregation groups per route.
 *
 * @param key unique in the tree and stable while the route's place and matchers stay, as
 *     Alertmanager's: the root is {@code {}}, a child {@code {}/{category="cost"}}; the groups of a
 *     route are stored under it
 * @param matchers what an alarm must match to take it
 * @param continueMatching whether the siblings after it are tried too once it matched
 * @param topic the environment's topic it sends to
 * @param format how its messages are written; empty: as the topic's format says
 * @param timings its group wait, group interval and repeat intervals
 * @param routes its children, tried in order
 */
public record Route(
    String key,
    List<Matcher> matchers,
    boolean continueMatching,
    Purpose topic,
    Optional<TopicFormat> format,
    GroupTimings timings,
    List<Route> routes) {

  /** The root's key. */
  public static final String ROOT = "{}";

  public Route {
    matchers = List.copyOf(matchers);
    routes = List.copyOf(routes);
  }

  /** Whether an alarm's labels satisfy every matcher. */
  public boolean matches(RouteLabels labels) {
    return matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** Such as {@code {category="cost"}}; {@code {}} without matchers. */
  static String matcherText(List<Matcher> matchers) {
    return matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
  }

  /** This route's topic among an environment's: its alerts or its notifications topic. */
  public Topic destination(Topic topic) {
    return format
        .filter(f -> f != topic.format())
        .map(f -> new Topic(topic.environment(), topic.purpose(), topic.arn(), f))
        .orElse(topic);
  }

  /** As pages say it: {@code category="cost" to notifications}. */
  public String describe() {
    String what = matchers.isEmpty() ? "every other alarm" : matcherText(matchers);
    return what
        + " to "
        + topic.name().toLowerCase(Locale.ROOT)
        + format.map(f -> " (" + f.name().toLowerCase(Locale.ROOT) + ")").orElse("");
  }
}
