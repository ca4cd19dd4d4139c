package io.stackwatch.poll;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduler;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.alarm.RuleLoader;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.dashboard.Dashboards;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.maintenance.ChecklistLoader;
import io.stackwatch.notify.routing.RouteLoader;
import io.stackwatch.series.SeriesCatalog;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads every data file before anything else starts (the series catalog, the alarm rules, the
 * maintenance checklist, the alert routes, the dashboards, then the rules against what is
 * collected) and, if any has a problem, or the configuration directory cannot be read, stops
 * stackwatch with all of them in one short block, each naming file, line, item and field, and no
 * stack trace: the process exits with status 1 before the scheduler or the HTTP server start. The
 * scheduler starts halted ({@code quarkus.scheduler.start-mode=halted}) and is resumed here once
 * every file is read, so no job runs on a broken file while the check is under way.
 */
@Singleton
public class DataFilesCheck {

  void check(
      @Observes @Priority(1) StartupEvent start,
      DataFiles files,
      Instance<SeriesCatalog> catalog,
      Instance<Catalog> environments,
      Instance<Dashboards> dashboards,
      Instance<AlarmEngine> alarms,
      Instance<Scheduler> scheduler,
      StartupTimeline timeline) {
    Set<String> problems = new LinkedHashSet<>(files.problems());
    collect(problems, () -> catalog.get());
    collect(problems, () -> RuleLoader.load(files));
    collect(problems, () -> ChecklistLoader.load(files));
    collect(
        problems,
        () ->
            RouteLoader.load(
                files, environments.get().environments().stream().map(e -> e.name()).toList()));
    collect(problems, () -> dashboards.get());
    timeline.filesRead();
    if (problems.isEmpty()) {
      // Binding needs every file above: it adds what the rules ask that nothing collects.
      collect(problems, () -> alarms.get());
    }
    if (!problems.isEmpty()) {
      // Quarkus prints a configuration problem's message alone, with no stack trace, and exits 1.
      throw new ConfigurationException(report(files, List.copyOf(problems)));
    }
    // Started (halted) unless scheduling is off altogether, as in tests.
    if (scheduler.isResolvable() && scheduler.get().isStarted()) {
      scheduler.get().resume();
    }
  }

  /** The block printed when the start is refused. */
  static String report(DataFiles files, List<String> problems) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "stackwatch cannot start: "
            + (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
            + " in its data files ("
            + DataFiles.SETTING
            + (files.directory().isPresent()
                ? "=" + files.directory().get()
                : " is not set: the shipped files alone")
            + "):");
    problems.forEach(p -> lines.add("  " + p));
    lines.add("Nothing was started: fix what is listed and start again.");
    return String.join("\n", lines);
  }

  private static void collect(Set<String> problems, Supplier<Object> load) {
    try {
      load.get();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DataFileException d) {
          problems.addAll(d.errors());
          return;
        }
      }
      throw e;
    }
  }
}
