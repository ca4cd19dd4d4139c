package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.snapshot.EnvironmentState;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.snapshot.StackSnapshot;
import io.stackwatch.web.chart.Range;
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
 * dashboards in {@code dashboards/}, each panel a chart over {@code ?range=1h|6h|24h}. {@code
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
  public Response get(@PathParam("name") String name, @QueryParam("range") String range) {
    Range r = known(name, range);
    return cache.html(
        "/environments/" + name + "?range=" + r.label,
        () -> Templates.environment(detail(name, r)));
  }

  @GET
  @Path("/live")
  @Produces(MediaType.TEXT_HTML)
  public Response live(@PathParam("name") String name, @QueryParam("range") String range) {
    Range r = known(name, range);
    return cache.html(
        "/environments/" + name + "/live?range=" + r.label,
        () -> Templates.environment$live(detail(name, r)));
  }

  /** Every resource watched in the environment, and how stackwatch found it. */
  @GET
  @Path("/resources")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance resources(@PathParam("name") String name) {
    known(name, null);
    return Templates.resources(
        ResourcesView.of(
            snapshots.current().environment(name).orElseThrow().inventory(), clock.instant()));
  }

  private EnvironmentDetail detail(String name, Range range) {
    StackSnapshot s = snapshots.current();
    EnvironmentState env = s.environment(name).orElseThrow();
    return view.detail(s, env, range, clock.instant());
  }

  /** The range asked for, once the environment is known: the cache holds only valid keys. */
  private Range known(String name, String range) {
    if (snapshots.current().environment(name).isEmpty()) {
      throw new NotFoundException("No environment named " + name + ".");
    }
    return Range.parse(range);
  }
}
