package io.stackwatch.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the dashboard files are, under {@code stackwatch.dashboards}. */
@ConfigMapping(prefix = "stackwatch.dashboards")
public interface DashboardConfig {

  /**
   * Folder of the dashboard files ({@code *.yaml}; subfolders such as {@code grafana/} are not
   * read). Default {@code dashboards}, beside the working dir.
   */
  @WithDefault("dashboards")
  Path directory();
}
