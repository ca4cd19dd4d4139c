package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.web.chart.TimeWindow;
import io.stackwatch.web.page.EnvironmentView.EnvironmentDetail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code /environments/{name}}: the environment's firing alarms on top, then the sections of the
 * dashboards in {@code dashboards/}, each panel a chart over {@code ?range=} (1h to 15mo) or an
 * absolute {@code ?from=...&to=...}, with {@code &compare=previous} for the previous period. {@code
 * /environments/{name}/live} serves the same without the page around it, for the page's refresh.
 */
@Path("/environments/{name}")
public class EnvironmentPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance environment(EnvironmentDetail env);

    static native TemplateInstance environment$live(EnvironmentDetail env);

    static native TemplateInstance resources(ResourcesView env);
  }

  private final Snapshots snapshots;
  private final EnvironmentView view;
  private final PageCache cache;
  private final Clock clock;

  EnvironmentPage(Snapshots snapshots, EnvironmentView view, PageCache cache, Clock clock) {
    this.snapshots = snapshots;
    this.view = view;
    this.cache = cache;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response get(
      @PathParam("name") String name,
      @QueryParam("range") String range,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("compare") String compare) {
    TimeWindow w = known(name, range, from, to);
    boolean previous = compare(compare);
    return page(
        "/environments/" + name + "?" + w.query() + previous,
        w,
        () -> Templates.environment(detail(name, w, previous)));
  }

  @GET
  @Path("/live")
  @Produces(MediaType.TEXT_HTML)
  public Response live(
      @PathParam("name") String name,
      @QueryParam("range") String range,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("compare") String compare) {
    TimeWindow w = known(name, range, from, to);
    boolean previous = compare(compare);
    return LiveRefresh.fragment(
        page(
            "/environments/" + name + "/live?" + w.query() + previous,
            w,
            () -> Templates.environment$live(detail(name, w, previous))),
        snapshots.current(),
        clock.instant());
  }

  /**
   * A range ending now is the same for every viewer and cached; an absolute window, of which there
   * are as many as people choose, is rendered each time.
   */
  private Response page(String key, TimeWindow w, java.util.function.Supplier<TemplateInstance> t) {
    if (w.range().isPresent()) {
      return cache.html(key, t);
    }
    return Response.ok(t.get().render(), "text/html;charset=UTF-8").build();
  }

  private static boolean compare(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (value.equals("previous")) {
      return true;
    }
    throw new jakarta.ws.rs.BadRequestException(
        "No comparison \"" + value + "\": compare=previous draws the previous period.");
  }

  /** Every resource watched in the environment, and how stackwatch found it. */
  @GET
  @Path("/resources")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance resources(@PathParam("name") String name) {
    known(name, null, null, null);
    return Templates.resources(
        ResourcesView.of(
            snapshots.current().environment(name).orElseThrow().inventory(), clock.instant()));
  }

  private EnvironmentDetail detail(String name, TimeWindow w, boolean compare) {
    StackSnapshot s = snapshots.current();
    EnvironmentState env = s.environment(name).orElseThrow();
    return view.detail(s, env, w, compare, clock.instant());
  }

  /** The range asked for, once the environment is known: the cache holds only valid keys. */
  private TimeWindow known(String name, String range, String from, String to) {
    if (snapshots.current().environment(name).isEmpty()) {
      throw new NotFoundException("No environment named " + name + ".");
    }
    return TimeWindow.parse(range, from, to, clock.instant());
  }
}
