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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /environments/{name}}: every series of one environment, its value, age and sparkline. */
@Path("/environments/{name}")
public class EnvironmentPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance environment(EnvironmentDetail env);
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
  public Response get(@PathParam("name") String name) {
    if (catalog.find(name).isEmpty()) {
      throw new NotFoundException("No environment named " + name + ".");
    }
    return cache.html(
        "/environments/" + name, () -> Templates.environment(views.detail(name).orElseThrow()));
  }
}
