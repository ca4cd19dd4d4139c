package io.stackwatch.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.aws.SimulatorBridge;
import io.stackwatch.poll.PollJob;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.Faults.Kind;
import io.stackwatch.store.Freshness;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Soak: a poll every 10 seconds for {@code -Dbench.minutes} (default 10) against the simulator,
 * with CloudWatch faults switched on and off in turn (a minute each: throttling, HTTP 500, a hang
 * past the timeout, a truncated body, a proxy's HTML, an empty answer, partial data), while wrk
 * loads three pages from two other processes all along. The simulated clock moves a minute per
 * poll, so each poll reads new points. Meanwhile two replicas on an embedded PostgreSQL ({@link
 * ReplicaChurn}) poll, send and take sign-offs a simulated minute a second, while their store goes
 * away for a few seconds and their leader is stopped, in turn. Prints errors seen by clients, polls
 * completed, stale periods, heap (after a GC) at start and end, and for the replicas the store
 * outages, failovers, sign-offs answered, lost and doubled, and broken alarm history links. Run
 * with {@code ./mvnw test -Pbench -Dtest=SoakBenchmark}; measured, never asserted.
 */
@QuarkusTest
@TestProfile(SoakBenchmark.Profile.class)
class SoakBenchmark {

  /** Timeouts that fit a 10-second poll. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.aws.attempt-timeout", "1s",
          "stackwatch.aws.call-timeout", "3s",
          "stackwatch.aws.max-attempts", "2",
          "stackwatch.poll.budget", "8s",
          // Faults every other minute for ten minutes: the log would drown the figures.
          "quarkus.log.category.\"io.stackwatch\".level", "ERROR",
          "quarkus.log.category.\"software.amazon.awssdk\".level", "ERROR");
    }
  }

  static final List<Kind> FAULTS =
      List.of(
          Kind.THROTTLE,
          Kind.SERVER_ERROR,
          Kind.DELAY,
          Kind.MALFORMED,
          Kind.GARBAGE,
          Kind.EMPTY,
          Kind.PARTIAL_DATA);

  @Inject PollJob job;
  @Inject TestClock clock;
  @Inject SimulatorBridge runtime;
  @Inject Freshness freshness;

  @TestHTTPResource("/")
  URL base;

  @Test
  void run() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("bench.minutes", "10"));
    long seconds = Math.round(minutes * 60);
    AwsSimulator sim = runtime.simulator();
    String root = base.toString().replaceAll("/$", "");

    clock.advance(Duration.ofMinutes(1));
    job.run();
    long heapStart = heapAfterGc();

    List<Process> load = new ArrayList<>();
    for (String route : List.of("/", "/environments/prod", "/api/environments")) {
      load.add(
          new ProcessBuilder(
                  "wrk", "-t1", "-c8", "-d" + (seconds + 5) + "s", "--timeout", "5s", root + route)
              .redirectErrorStream(true)
              .start());
    }

    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    ReplicaChurn churn = new ReplicaChurn();
    java.util.concurrent.atomic.AtomicReference<Exception> churnFailed =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread replicas =
        new Thread(
            () -> {
              try {
                // At least one outage and one failover, however short the run.
                for (int step = 1; step <= 12 || System.nanoTime() < end; step++) {
                  switch (step % 20) {
                    case 5 -> churn.storeAway();
                    case 8 -> churn.storeBack();
                    case 12 -> churn.failover();
                    default -> {
                      // a plain minute
                    }
                  }
                  churn.step();
                  Thread.sleep(1000);
                }
              } catch (Exception e) {
                churnFailed.set(e);
              }
            },
            "replica-churn");
    replicas.start();
    int polls = 0;
    int failedPolls = 0;
    int stalePolls = 0;
    int stalePeriods = 0;
    boolean wasStale = false;
    long longestPollMs = 0;
    int faultIndex = 0;
    Kind active = null;
    long nextSwitch = start + 60_000_000_000L;
    while (System.nanoTime() < end) {
      long pollStart = System.nanoTime();
      if (pollStart >= nextSwitch) {
        nextSwitch += 60_000_000_000L;
        sim.faults().clear();
        if (active == null) {
          active = FAULTS.get(faultIndex++ % FAULTS.size());
          sim.faults().add("monitoring", "GetMetricData", active, Duration.ofSeconds(5));
        } else {
          active = null;
        }
      }
      clock.advance(Duration.ofMinutes(1));
      PollJob.Outcome o = job.run();
      polls++;
      if (!o.poll().failures().isEmpty()) {
        failedPolls++;
      }
      boolean stale =
          freshness.all().keySet().stream().anyMatch(e -> freshness.isStale(e, clock.instant()));
      if (stale) {
        stalePolls++;
        if (!wasStale) {
          stalePeriods++;
        }
      }
      wasStale = stale;
      long tookMs = (System.nanoTime() - pollStart) / 1_000_000;
      longestPollMs = Math.max(longestPollMs, tookMs);
      long sleep = 10_000 - tookMs;
      if (sleep > 0) {
        Thread.sleep(Math.min(sleep, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
      }
    }
    sim.faults().clear();
    replicas.join();
    ReplicaChurn.Result churned = churn.result();
    churn.close();
    if (churnFailed.get() != null) {
      throw churnFailed.get();
    }

    long requests = 0;
    long clientErrors = 0;
    StringBuilder wrkLines = new StringBuilder();
    for (Process p : load) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      requests += number(out, "(\\d+) requests in");
      long non2xx = number(out, "Non-2xx or 3xx responses: (\\d+)");
      long socket = 0;
      Matcher m =
          Pattern.compile(
                  "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
              .matcher(out);
      if (m.find()) {
        for (int g = 1; g <= 4; g++) {
          socket += Long.parseLong(m.group(g));
        }
      }
      clientErrors += non2xx + socket;
      wrkLines
          .append(
              out.lines()
                  .filter(l -> l.contains("Requests/sec") || l.contains("Latency"))
                  .reduce("", (a, b) -> a + b.trim() + " | "))
          .append('\n');
    }
    long heapEnd = heapAfterGc();
    System.out.printf(
        Locale.ROOT,
        "%nSoak: %.1f min, poll every 10 s, CloudWatch faults on and off a minute each%n"
            + "polls completed:        %d (%d with a failed environment; longest %d ms)%n"
            + "stale periods:          %d (%d polls with stale data)%n"
            + "client requests:        %d%n"
            + "errors seen by clients: %d (non-2xx answers and socket errors)%n"
            + "heap used after GC:     %.1f MiB at start, %.1f MiB at end%n%s"
            + "replicas on PostgreSQL: %d simulated minutes, %d store outages, %d failovers%n"
            + "sign-offs:              %d answered, %d lost, %d doubled%n"
            + "alarm transitions:      %d stored, %d history links broken; %d summaries sent%n",
        minutes,
        polls,
        failedPolls,
        longestPollMs,
        stalePeriods,
        stalePolls,
        requests,
        clientErrors,
        heapStart / 1048576.0,
        heapEnd / 1048576.0,
        wrkLines,
        churned.steps(),
        churned.outages(),
        churned.failovers(),
        churned.answered(),
        churned.lost(),
        churned.doubled(),
        churned.transitions(),
        churned.brokenLinks(),
        churned.summaries());
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
