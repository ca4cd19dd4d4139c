package io.stackwatch.datafile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The data files in force, for every loader: shipped, and {@code stackwatch.config-directory}. */
@ApplicationScoped
class DataFilesProducer {

  @Produces
  @Singleton
  DataFiles dataFiles(DataFileConfig config) {
    return DataFiles.shippedAnd(config.configDirectory());
  }
}
