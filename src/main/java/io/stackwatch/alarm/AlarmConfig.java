package io.stackwatch.alarm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the alarm rules are bound, under {@code stackwatch.alarms}. The rules themselves are data
 * files: {@code alarms/*.yaml} shipped in the jar and in {@code stackwatch.config-directory}.
 */
@ConfigMapping(prefix = "stackwatch.alarms")
public interface AlarmConfig {

  /** The account's Lambda concurrency limit, for rules relative to it. Default 1000. */
  @WithDefault("1000")
  int lambdaConcurrencyLimit();

  /**
   * How long an acknowledgement holds while the alarm stays in its state: a firing alarm someone
   * acknowledged is not repeated for so long. Default 24 hours.
   */
  @WithDefault("24h")
  java.time.Duration acknowledgementExpiry();
}
