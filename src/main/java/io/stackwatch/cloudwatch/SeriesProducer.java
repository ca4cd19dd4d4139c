package io.stackwatch.cloudwatch;

import io.quarkus.arc.All;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesCatalog;
import io.stackwatch.series.SeriesCatalogLoader;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.SeriesUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The series vocabulary as the poll needs it: the refresh cadences of {@code stackwatch.poll}, the
 * series catalog of {@code stackwatch.series.directory}, and the plans the readers choose from it.
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
  SeriesCatalog catalog(
      @ConfigProperty(name = "stackwatch.series.directory", defaultValue = "dashboards/series")
          Path dir) {
    try (Stream<Path> listing = Files.list(dir)) {
      return SeriesCatalogLoader.load(
          listing.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList());
    } catch (IOException e) {
      throw new DataFileException(
          List.of(dir + ": cannot list the series catalog: " + e.getMessage()));
    }
  }

  @Produces
  @Singleton
  SeriesPlans plans(
      Catalog catalog, SeriesCatalog series, SeriesCadence cadence, @All List<SeriesUse> uses) {
    return new SeriesPlans(catalog, series, cadence, uses);
  }
}
