package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.web.Views.EnvironmentDetail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /environments/{name}}: every series of one environment, its value, age and sparkline. */
@Path("/environments/{name}")
public class EnvironmentPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance environment(EnvironmentDetail env);
  }

  private final Views views;

  EnvironmentPage(Views views) {
    this.views = views;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get(@PathParam("name") String name) {
    return Templates.environment(
        views
            .detail(name)
            .orElseThrow(() -> new NotFoundException("No environment named " + name + ".")));
  }
}
