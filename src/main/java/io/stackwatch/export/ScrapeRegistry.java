package io.stackwatch.export;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.stackwatch.snapshot.RenderCache;
import io.stackwatch.snapshot.RenderConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The registry behind {@code /q/metrics}, in place of Quarkus's own: the same registry, whose text
 * is rendered at most once per {@code stackwatch.render.max-age} for each format (Prometheus text
 * and OpenMetrics), however many scrapers ask. The series change once a poll, so a scrape a second
 * old says what a new one would.
 */
@Singleton
class ScrapeRegistry {

  @Produces
  @Singleton
  @Alternative
  @Priority(2200) // above Quarkus's producer (2100)
  PrometheusMeterRegistry registry(
      PrometheusConfig config, CollectorRegistry collectors, Clock clock, RenderConfig render) {
    RenderCache<String> scrapes = new RenderCache<>(render.maxAge());
    return new PrometheusMeterRegistry(config, collectors, clock) {
      @Override
      public String scrape(String contentType) {
        return scrapes.get(contentType, () -> super.scrape(contentType));
      }
    };
  }
}
