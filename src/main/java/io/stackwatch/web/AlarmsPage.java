package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.web.Views.AlarmDetail;
import io.stackwatch.web.Views.AlarmRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /alarms}: every alarm of every environment, worst first; and one alarm's history. */
@Path("/alarms")
public class AlarmsPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance alarms(List<AlarmRow> alarms);

    static native TemplateInstance history(AlarmDetail detail);
  }

  private final Views views;

  AlarmsPage(Views views) {
    this.views = views;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance all() {
    return Templates.alarms(views.alarms());
  }

  @GET
  @Path("/{environment}/{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance history(
      @PathParam("environment") String environment, @PathParam("id") String id) {
    return Templates.history(
        views
            .alarm(environment, id)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "No alarm " + id + " in environment " + environment + ".")));
  }
}
