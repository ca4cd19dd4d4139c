package io.stackwatch.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Makes the in-memory stores injectable. */
@ApplicationScoped
class StoreProducer {

  /** Settings of the in-memory sample store, under {@code stackwatch.store}. */
  @ConfigMapping(prefix = "stackwatch.store")
  interface StoreConfig {
    /** How much history each series keeps. Default 24 hours. */
    @WithDefault("24h")
    Duration retention();

    /** Finest period stored. Default 60 seconds. */
    @WithDefault("60s")
    Duration period();

    /** Data older than this is stale even when no poll failed. Default 12 minutes. */
    @WithDefault("12m")
    Duration staleAfter();
  }

  @Produces
  @Singleton
  SampleStore samples(StoreConfig config) {
    return new SampleStore(config.retention(), config.period());
  }

  @Produces
  @Singleton
  Freshness freshness(StoreConfig config) {
    return new Freshness(config.staleAfter());
  }
}
