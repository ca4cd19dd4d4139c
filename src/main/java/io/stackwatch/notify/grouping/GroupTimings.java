package io.stackwatch.notify.grouping;

import io.stackwatch.alarm.Severity;
import java.time.Duration;
import java.util.Optional;

/**
 * When a group is sent, as Alertmanager's {@code group_wait}, {@code group_interval} and {@code
 * repeat_interval}, the last per severity.
 *
 * @param groupWait how long a change waits for companions before it is sent
 * @param groupInterval least time between two sends of one group
 * @param repeatCritical when a group with a critical alarm firing, unchanged, is sent again
 * @param repeatWarning the same for warnings
 * @param repeatInfo the same for info alarms; empty: never
 */
public record GroupTimings(
    Duration groupWait,
    Duration groupInterval,
    Duration repeatCritical,
    Duration repeatWarning,
    Optional<Duration> repeatInfo) {

  /** Alertmanager's defaults, with stackwatch's repeat intervals: 30 s, 5 min, 4 h, 12 h, never. */
  public static final GroupTimings DEFAULTS =
      new GroupTimings(
          Duration.ofSeconds(30),
          Duration.ofMinutes(5),
          Duration.ofHours(4),
          Duration.ofHours(12),
          Optional.empty());

  /** When an alarm of this severity that still fires is told again; empty: never. */
  public Optional<Duration> repeat(Severity severity) {
    return switch (severity) {
      case CRITICAL -> Optional.of(repeatCritical);
      case WARNING -> Optional.of(repeatWarning);
      case INFO -> repeatInfo;
    };
  }
}
