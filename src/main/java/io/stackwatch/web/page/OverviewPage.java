package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.StartupEvent;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * {@code /}: every environment side by side, and what stackwatch's own AWS calls cost. {@code
 * /overview/live} serves the cards alone, for the page's refresh.
 */
@Path("/")
public class OverviewPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance overview(
        List<EnvironmentCard> environments, long awsRequests, String awsCost, long refreshSeconds);

    static native TemplateInstance overview$live(
        List<EnvironmentCard> environments, long awsRequests, String awsCost);
  }

  private final Snapshots snapshots;
  private final ApiCallMeter meter;
  private final PageCache cache;
  private final Clock clock;

  OverviewPage(Snapshots snapshots, ApiCallMeter meter, PageCache cache, Clock clock) {
    this.snapshots = snapshots;
    this.meter = meter;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * The overview rendered into the cache on a worker as the start ends, while the HTTP server is
   * still opening: the first visitor then does not wait for the templates' first use (90 ms of a
   * restart).
   */
  static void renderAtStart(
      @Observes @Priority(6) StartupEvent start,
      ManagedExecutor executor,
      Instance<OverviewPage> page) {
    executor.execute(() -> page.get().get());
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response get() {
    return cache.html(
        "/",
        () -> {
          StackSnapshot s = snapshots.current();
          Instant now = clock.instant();
          return Templates.overview(cards(s, now), requests(), cost(), LiveRefresh.seconds(s, now));
        });
  }

  @GET
  @Path("overview/live")
  @Produces(MediaType.TEXT_HTML)
  public Response live() {
    StackSnapshot s = snapshots.current();
    return LiveRefresh.fragment(
        cache.html(
            "/overview/live",
            () -> Templates.overview$live(cards(s, clock.instant()), requests(), cost())),
        s,
        clock.instant());
  }

  /** The overview's cards, one per environment of the snapshot. */
  static List<EnvironmentCard> cards(StackSnapshot s, Instant now) {
    return s.environments().stream().map(e -> EnvironmentCard.of(e, s.cost(), now)).toList();
  }

  private long requests() {
    return meter.calls().stream().mapToLong(ApiCallMeter.CallCount::count).sum();
  }

  private String cost() {
    return String.format(java.util.Locale.ROOT, "$%.4f", meter.totalCostUsd());
  }
}
