package io.stackwatch.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.web.Views.EnvironmentCard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /}: every environment side by side, and what stackwatch's own AWS calls cost. */
@Path("/")
public class OverviewPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance overview(
        List<EnvironmentCard> environments, long awsRequests, String awsCost);
  }

  private final Views views;
  private final ApiCallMeter meter;
  private final PageCache cache;

  OverviewPage(Views views, ApiCallMeter meter, PageCache cache) {
    this.views = views;
    this.meter = meter;
    this.cache = cache;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response get() {
    return cache.html("/", this::render);
  }

  private TemplateInstance render() {
    long requests = meter.calls().stream().mapToLong(ApiCallMeter.CallCount::count).sum();
    return Templates.overview(
        views.cards(),
        requests,
        String.format(java.util.Locale.ROOT, "$%.4f", meter.totalCostUsd()));
  }
}
