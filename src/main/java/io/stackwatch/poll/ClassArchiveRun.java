package io.stackwatch.poll;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The training run of the class archive: with {@code -Dstackwatch.class-archive.run=true} and the
 * JVM's {@code -XX:ArchiveClassesAtExit}, a first start runs its first poll, its cost and
 * maintenance jobs, asks each page once as a first visitor would, and exits, so that the archive
 * holds the classes a start, a poll and the first pages load: the database's and its migrations',
 * the AWS SDK's, the templates'. Quarkus's own AppCDS run stops before all of them, at the end of
 * its boot. It pauses the scheduler and runs the jobs itself, one after the other, so that none is
 * under way when it exits. The build's {@code class-archive} profile runs it against the simulator,
 * without the history fetch (its 15 months take longer than the rest of the run and load no class
 * the poll does not), on a database of its own, and so does the container image; it exits 1,
 * failing the build, if a job fails or a page does not answer. Not a Quarkus configuration profile:
 * a start under another profile than prod loads other classes than the start it trains for.
 */
final class ClassArchiveRun {

  private static final Logger LOG = Logger.getLogger(ClassArchiveRun.class);

  /** {@code stackwatch.class-archive.run}: this start is the training run. Default false. */
  @ConfigMapping(prefix = "stackwatch.class-archive")
  interface Config {
    @WithDefault("false")
    boolean run();
  }

  /** What a first visitor opens: the pages of the menu, a chart's data, the assets, a scrape. */
  private static final List<String> PAGES =
      List.of(
          "/",
          "/environments/prod",
          "/api/environments/prod/series/rds.cpu?range=24h",
          "/alarms",
          "/cost",
          "/maintenance",
          "/silences",
          "/notifications",
          "/api/environments",
          "/stackwatch.css",
          "/live.js",
          "/q/metrics");

  /**
   * Right after the data files' check resumes the scheduler, pauses it (its classes are loaded,
   * none of its jobs runs) and runs the jobs on a thread of its own.
   */
  static void train(
      @Observes @Priority(2) StartupEvent start,
      Config config,
      Scheduler scheduler,
      Instance<PollJob> poll,
      Instance<CostJob> costs,
      Instance<EvidenceJob> maintenance) {
    if (!config.run()) {
      return;
    }
    scheduler.pause();
    Runnable jobs =
        () -> {
          poll.get().run();
          costs.get().refresh();
          maintenance.get().scheduled();
        };
    Thread run = new Thread(() -> Quarkus.asyncExit(visit(jobs)), "class-archive-run");
    run.setDaemon(true);
    run.start();
  }

  /** The exit status: 0 when the jobs ran and every page answered 200. */
  private static int visit(Runnable jobs) {
    try {
      jobs.run();
      int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
      HttpClient http = HttpClient.newHttpClient();
      List<String> failed = new ArrayList<>();
      for (String page : PAGES) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                .header("Accept-Encoding", page.startsWith("/q/") ? "gzip" : "identity")
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
          failed.add(page + " answered " + status);
        }
      }
      if (!failed.isEmpty()) {
        LOG.errorf("Class archive run: %s", failed);
        return 1;
      }
      LOG.infof("Class archive run: jobs run and %d pages loaded; exiting", PAGES.size());
      return 0;
    } catch (Exception e) {
      LOG.error("Class archive run failed", e);
      return 1;
    }
  }
}
