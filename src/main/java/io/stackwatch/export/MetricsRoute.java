package io.stackwatch.export;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code /q/metrics} in front of Quarkus's own handler: the snapshot's families as stored by
 * {@link PrometheusExport#stored}, then the registry's (the JVM's, the poll timer, what moves
 * between polls). A scrape that accepts gzip gets the stored compressed bytes with {@code
 * Content-Encoding: gzip}; only the small tail is compressed per scrape. The format is chosen as
 * Quarkus chooses it: Prometheus text 0.0.4 for an {@code Accept} naming {@code text/plain} (what
 * Prometheus sends) or {@code text/html}, OpenMetrics otherwise.
 */
@ApplicationScoped
class MetricsRoute {

  static final String PATH = "/q/metrics";
  private static final int AFTER_AUTHORIZATION = -50;

  // Resolved at the first scrape: the router is set up before the data files are checked, and the
  // export's snapshot reads them.
  private final Instance<PrometheusExport> export;
  private final PrometheusMeterRegistry registry;

  MetricsRoute(Instance<PrometheusExport> export, PrometheusMeterRegistry registry) {
    this.export = export;
    this.registry = registry;
  }

  void install(@Observes Router router) {
    // After sign-in's checks (Quarkus's filters: authentication -200, authorization -100), so a
    // closed /q/metrics still asks Prometheus to sign in; before Quarkus's own handler. Blocking,
    // as the first scrape after a poll renders the stored part.
    router.get(PATH).order(AFTER_AUTHORIZATION).blockingHandler(this::scrape, false);
  }

  private void scrape(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    String type =
        accept != null && (accept.contains("text/plain") || accept.contains("text/html"))
            ? TextFormat.CONTENT_TYPE_004
            : TextFormat.CONTENT_TYPE_OPENMETRICS_100;
    ScrapeBody stored = export.get().stored(type);
    byte[] tail = registry.scrape(type).getBytes(StandardCharsets.UTF_8);
    String encoding = rc.request().getHeader("Accept-Encoding");
    rc.response().putHeader("Content-Type", type).putHeader("Vary", "Accept-Encoding");
    if (encoding != null && encoding.contains("gzip")) {
      rc.response().putHeader("Content-Encoding", "gzip").end(Buffer.buffer(stored.gzip(tail)));
    } else {
      rc.response().end(Buffer.buffer(stored.plain(tail)));
    }
  }
}
