package io.stackwatch.notify.routing;

import io.stackwatch.alarm.Severity;
import io.stackwatch.notify.grouping.GroupTimings;
import io.stackwatch.notify.message.TopicFormat;
import io.stackwatch.notify.outbox.Topic.Purpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing tree with Alertmanager's semantics: every alarm enters at the root; it is tried
 * against the root's children in order, the first that matches takes it (and its own children are
 * tried the same way), unless that child says {@code continue}, in which case the siblings after it
 * are tried too; a route none of whose children match takes the alarm itself. An alarm may so take
 * several routes, and is grouped and sent in each.
 */
public final class Routes {

  private final Route root;
  private final List<Route> all;

  private Routes(Route root) {
    this.root = root;
    List<Route> out = new ArrayList<>();
    collect(root, out);
    this.all = List.copyOf(out);
  }

  /** Today's behaviour: every alarm to its environment's alerts topic, with these timings. */
  public static Routes single(GroupTimings timings) {
    return of(RouteSpec.defaultRoot(), timings);
  }

  /**
   * The tree as written, what a route leaves out inherited from its parent, and the root from
   * {@code base} (the settings of {@code stackwatch.notify}), sending to the alerts topic in its
   * own format unless it says otherwise.
   */
  public static Routes of(RouteSpec root, GroupTimings base) {
    return new Routes(resolve(root, Route.ROOT, Purpose.ALERTS, Optional.empty(), base));
  }

  private static Route resolve(
      RouteSpec spec,
      String key,
      Purpose parentTopic,
      Optional<TopicFormat> parentFormat,
      GroupTimings parentTimings) {
    Purpose topic = spec.topic().orElse(parentTopic);
    Optional<TopicFormat> format = spec.format().or(() -> parentFormat);
    GroupTimings timings =
        new GroupTimings(
            spec.groupWait().orElse(parentTimings.groupWait()),
            spec.groupInterval().orElse(parentTimings.groupInterval()),
            repeat(spec, Severity.CRITICAL, Optional.of(parentTimings.repeatCritical()))
                .orElseThrow(),
            repeat(spec, Severity.WARNING, Optional.of(parentTimings.repeatWarning()))
                .orElseThrow(),
            repeat(spec, Severity.INFO, parentTimings.repeatInfo()));
    List<Route> children = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    List<RouteSpec> specs = spec.routes();
    for (int i = 0; i < specs.size(); i++) {
      RouteSpec child = specs.get(i);
      String childKey = key + "/" + Route.matcherText(child.matchers());
      // Two siblings with the same matchers: told apart by their place, as Alertmanager does.
      if (!taken.add(childKey)) {
        childKey = childKey + "/" + i;
        taken.add(childKey);
      }
      children.add(resolve(child, childKey, topic, format, timings));
    }
    return new Route(
        key, spec.matchers(), spec.continueMatching(), topic, format, timings, children);
  }

  private static Optional<Duration> repeat(
      RouteSpec spec, Severity severity, Optional<Duration> inherited) {
    Optional<Duration> own = spec.repeat().get(severity);
    return own != null ? own : inherited;
  }

  private static void collect(Route r, List<Route> out) {
    out.add(r);
    r.routes().forEach(c -> collect(c, out));
  }

  public Route root() {
    return root;
  }

  /** Every route, the root first, then depth first in the order written. */
  public List<Route> all() {
    return all;
  }

  /** The routes an alarm takes, in the tree's order; at least one (the root takes the rest). */
  public List<Route> match(RouteLabels labels) {
    return match(root, labels);
  }

  private static List<Route> match(Route route, RouteLabels labels) {
    if (!route.matches(labels)) {
      return List.of();
    }
    List<Route> taken = new ArrayList<>();
    for (Route child : route.routes()) {
      List<Route> matched = match(child, labels);
      taken.addAll(matched);
      if (!matched.isEmpty() && !child.continueMatching()) {
        break;
      }
    }
    if (taken.isEmpty()) {
      taken.add(route);
    }
    return taken;
  }
}
