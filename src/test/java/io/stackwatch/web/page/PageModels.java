package io.stackwatch.web.page;

import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.store.History;
import io.stackwatch.web.chart.TimeWindow;
import java.time.Instant;

/**
 * The models the overview and an environment page render, built as the pages build them, for the
 * benchmarks: rendering the pages' Qute templates needs the application, building their models does
 * not.
 */
public final class PageModels {

  private PageModels() {}

  /** The overview's cards; returns how many. */
  public static int overview(StackSnapshot snapshot, Instant now) {
    return OverviewPage.cards(snapshot, now).size();
  }

  /** An environment page over the default range, its charts drawn; returns its panels. */
  public static int environment(
      SeriesPlans plans,
      History history,
      Dashboards dashboards,
      StackSnapshot snapshot,
      String environment,
      Instant now) {
    return new EnvironmentView(plans, history, dashboards)
            .detail(
                snapshot,
                snapshot.environment(environment).orElseThrow(),
                TimeWindow.parse(null, null, null, now),
                false,
                now)
            .sections()
            .stream()
            .mapToInt(s -> s.panels().size())
            .sum();
  }
}
