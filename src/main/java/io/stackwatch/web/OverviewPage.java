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
    return cache.html(
        "/", () -> Templates.overview(views.cards(), requests(), cost(), views.refreshSeconds()));
  }

  @GET
  @Path("overview/live")
  @Produces(MediaType.TEXT_HTML)
  public Response live() {
    return cache.html(
        "/overview/live", () -> Templates.overview$live(views.cards(), requests(), cost()));
  }

  private long requests() {
    return meter.calls().stream().mapToLong(ApiCallMeter.CallCount::count).sum();
  }

  private String cost() {
    return String.format(java.util.Locale.ROOT, "$%.4f", meter.totalCostUsd());
  }
}
