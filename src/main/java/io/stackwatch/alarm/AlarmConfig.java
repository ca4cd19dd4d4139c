package io.stackwatch.alarm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the alarm rules are, under {@code stackwatch.alarms}. */
@ConfigMapping(prefix = "stackwatch.alarms")
public interface AlarmConfig {

  /** Folder of the rule files ({@code *.yaml}). Default {@code alarms}, beside the working dir. */
  @WithDefault("alarms")
  Path directory();

  /** The account's Lambda concurrency limit, for rules relative to it. Default 1000. */
  @WithDefault("1000")
  int lambdaConcurrencyLimit();
}
