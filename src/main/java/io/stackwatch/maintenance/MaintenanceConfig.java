package io.stackwatch.maintenance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the maintenance checklist is, under {@code stackwatch.maintenance}. */
@ConfigMapping(prefix = "stackwatch.maintenance")
public interface MaintenanceConfig {

  /** The checklist file. Default {@code alarms/maintenance.yaml}, beside the working dir. */
  @WithDefault("alarms/maintenance.yaml")
  Path checklist();
}
