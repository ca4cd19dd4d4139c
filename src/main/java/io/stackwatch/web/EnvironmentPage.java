package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.web.Views.EnvironmentDetail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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

  EnvironmentPage(Views views) {
    this.views = views;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get(@PathParam("name") String name, @QueryParam("range") String range) {
    return Templates.environment(detail(name, range));
  }

  @GET
  @Path("/live")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance live(@PathParam("name") String name, @QueryParam("range") String range) {
    return Templates.environment$live(detail(name, range));
  }

  private EnvironmentDetail detail(String name, String range) {
    Range r = Range.parse(range);
    return views
        .detail(name, r)
        .orElseThrow(() -> new NotFoundException("No environment named " + name + "."));
  }
}
