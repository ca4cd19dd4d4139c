package io.stackwatch.poll;

import io.quarkus.runtime.StartupEvent;
import io.stackwatch.store.Database;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where a start's seconds go, logged once each as {@code Start-up: <stage> at <n> ms after the JVM
 * started}: Quarkus booted, the database migrated, the data files read (rules, dashboards, the
 * checklist, alarm binding), the first poll published. The startup benchmark reads these lines.
 */
@Singleton
public class StartupTimeline {

  private static final Logger LOG = Logger.getLogger(StartupTimeline.class);

  private final AtomicBoolean polled = new AtomicBoolean();

  /** Before the data files are checked ({@link DataFilesCheck} observes at priority 1). */
  void booted(@Observes @Priority(0) StartupEvent start, Instance<Database> database) {
    LOG.infof(
        "Start-up: JVM started at %d ms since the epoch",
        ManagementFactory.getRuntimeMXBean().getStartTime());
    mark("Quarkus booted");
    database.get(); // opened and migrated here rather than inside the data files' check
    mark("database migrated");
  }

  void filesRead(@Observes @Priority(2) StartupEvent start) {
    mark("data files read");
  }

  /** Called after each poll; logs the first. */
  void polled() {
    if (polled.compareAndSet(false, true)) {
      mark("first poll published");
    }
  }

  private static void mark(String stage) {
    LOG.infof(
        "Start-up: %s at %d ms after the JVM started",
        stage, ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
