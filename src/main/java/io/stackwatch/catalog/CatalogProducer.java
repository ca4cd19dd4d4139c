package io.stackwatch.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the catalog injectable. */
@ApplicationScoped
class CatalogProducer {

  @Produces
  @Singleton
  Catalog catalog(CatalogConfig config) {
    return Catalog.from(config);
  }
}
