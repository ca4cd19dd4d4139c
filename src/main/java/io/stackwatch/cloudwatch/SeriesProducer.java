package io.stackwatch.cloudwatch;

import io.quarkus.arc.All;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesCatalog;
import io.stackwatch.series.SeriesCatalogLoader;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.SeriesUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The series vocabulary as the poll needs it: the refresh cadences of {@code stackwatch.poll}, the
 * series catalog ({@code dashboards/series/*.yaml}, shipped and configured), and the plans the
 * readers choose from it.
 */
@ApplicationScoped
class SeriesProducer {

  @Produces
  @Singleton
  SeriesCadence cadence(PollConfig poll) {
    return new SeriesCadence(poll.interval(), poll.slowInterval());
  }

  @Produces
  @Singleton
  SeriesCatalog catalog(DataFiles files) {
    return SeriesCatalogLoader.load(files);
  }

  @Produces
  @Singleton
  SeriesPlans plans(
      Catalog catalog, SeriesCatalog series, SeriesCadence cadence, @All List<SeriesUse> uses) {
    return new SeriesPlans(catalog, series, cadence, uses);
  }
}
