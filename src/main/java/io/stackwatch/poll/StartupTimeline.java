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
 * started}: Quarkus booted, the data files read (rules, dashboards, the checklist), the database
 * migrated (with the alarm binding, which reads the stored states), the first poll published. The
 * startup benchmark reads these lines. Nothing is logged before the data files pass their check, so
 * a refused start prints its block of problems alone, and no database is touched before it.
 */
@Singleton
public class StartupTimeline {

  private static final Logger LOG = Logger.getLogger(StartupTimeline.class);

  private final AtomicBoolean polled = new AtomicBoolean();
  private volatile long booted;
  private volatile long filesRead;

  /** Before the data files are checked ({@link DataFilesCheck} observes at priority 1). */
  void booted(@Observes @Priority(0) StartupEvent start) {
    booted = uptime();
  }

  /** The data files are read; binding the rules to what is collected comes next. */
  void filesRead() {
    filesRead = uptime();
  }

  /** The check passed: the stages so far. */
  void checked(@Observes @Priority(2) StartupEvent start, Instance<Database> database) {
    database.get();
    LOG.infof(
        "Start-up: JVM started at %d ms since the epoch",
        ManagementFactory.getRuntimeMXBean().getStartTime());
    log("Quarkus booted", booted);
    log("data files read", filesRead);
    log("database migrated", uptime());
  }

  /** Called after each poll; logs the first. */
  void polled() {
    if (polled.compareAndSet(false, true)) {
      log("first poll published", uptime());
    }
  }

  private static long uptime() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  private static void log(String stage, long at) {
    LOG.infof("Start-up: %s at %d ms after the JVM started", stage, at);
  }
}
