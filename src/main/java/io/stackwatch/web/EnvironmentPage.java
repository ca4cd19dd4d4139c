package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.web.Views.EnvironmentDetail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
  }

  private final Views views;
  private final Catalog catalog;
  private final PageCache cache;

  EnvironmentPage(Views views, Catalog catalog, PageCache cache) {
    this.views = views;
    this.catalog = catalog;
    this.cache = cache;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response get(@PathParam("name") String name, @QueryParam("range") String range) {
    Range r = known(name, range);
    return cache.html(
        "/environments/" + name + "?range=" + r.label,
        () -> Templates.environment(views.detail(name, r).orElseThrow()));
  }

  @GET
  @Path("/live")
  @Produces(MediaType.TEXT_HTML)
  public Response live(@PathParam("name") String name, @QueryParam("range") String range) {
    Range r = known(name, range);
    return cache.html(
        "/environments/" + name + "/live?range=" + r.label,
        () -> Templates.environment$live(views.detail(name, r).orElseThrow()));
  }

  /** The range asked for, once the environment is known: the cache holds only valid keys. */
  private Range known(String name, String range) {
    if (catalog.find(name).isEmpty()) {
      throw new NotFoundException("No environment named " + name + ".");
    }
    return Range.parse(range);
  }
}
