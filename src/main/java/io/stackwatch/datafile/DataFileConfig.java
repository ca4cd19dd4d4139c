package io.stackwatch.datafile;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the operator's own data files are, under {@code stackwatch}. */
@ConfigMapping(prefix = "stackwatch")
public interface DataFileConfig {

  /**
   * A directory laid out like the repository ({@code alarms/*.yaml}, {@code
   * alarms/maintenance.yaml}, {@code dashboards/*.yaml}, {@code dashboards/series/*.yaml}) whose
   * files add to, replace (same name) or, when empty, remove the shipped ones. None by default: the
   * shipped files alone.
   */
  Optional<Path> configDirectory();
}
