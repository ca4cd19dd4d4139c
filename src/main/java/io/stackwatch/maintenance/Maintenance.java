package io.stackwatch.maintenance;

import io.quarkus.runtime.Startup;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.maintenance.MaintenanceStore.SignOff;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The maintenance schedule of every environment: loads and checks the checklist at start-up (a
 * broken file stops stackwatch, naming file, line, item and field), tells what is due and overdue
 * from the sign-offs and the clock, and records sign-offs.
 */
@Startup
@Singleton
public class Maintenance {

  /** Sign-offs of a chore that pages and the API show, newest first. */
  public static final int HISTORY_SHOWN = 20;

  private static final int MAX_BY = 200;
  private static final int MAX_NOTE = 2000;

  private final Checklist checklist;
  private final Catalog catalog;
  private final MaintenanceStore log;
  private final Clock clock;

  @Inject
  public Maintenance(DataFiles files, Catalog catalog, MaintenanceStore log, Clock clock) {
    this(ChecklistLoader.load(files), catalog, log, clock);
  }

  Maintenance(Checklist checklist, Catalog catalog, MaintenanceStore log, Clock clock) {
    if (catalog.find(MaintenanceItem.GLOBAL).isPresent()) {
      throw new IllegalStateException(
          "An environment may not be called \""
              + MaintenanceItem.GLOBAL
              + "\": the maintenance schedule keeps its global chores under that name");
    }
    this.checklist = checklist;
    this.catalog = catalog;
    this.log = log;
    this.clock = clock;
    Instant now = clock.instant();
    Map<String, Instant> tracked = log.trackedSince();
    for (String env : scopes()) {
      for (MaintenanceItem item : checklist.itemsOf(env)) {
        if (!tracked.containsKey(MaintenanceStore.key(env, item.id()))) {
          log.track(env, item.id(), now);
        }
      }
    }
  }

  public Checklist checklist() {
    return checklist;
  }

  /** The environments in display order, then {@link MaintenanceItem#GLOBAL}. */
  public List<String> scopes() {
    List<String> out = new ArrayList<>();
    catalog.environments().forEach(e -> out.add(e.name()));
    out.add(MaintenanceItem.GLOBAL);
    return out;
  }

  public boolean knows(String scope) {
    return scopes().contains(scope);
  }

  /** Every chore of an environment (or of {@code global}) now, in checklist order. */
  public List<ItemStatus> statuses(String scope) {
    return statuses(List.of(scope)).getOrDefault(scope, List.of());
  }

  /** Every chore of the given scopes now, with one read of each table. */
  public Map<String, List<ItemStatus>> statuses(List<String> scopes) {
    Instant now = clock.instant();
    Map<String, Instant> done = log.lastDone();
    Map<String, Instant> tracked = log.trackedSince();
    Map<String, Evidence> evidence = log.evidence();
    Map<String, List<ItemStatus>> out = new java.util.LinkedHashMap<>();
    for (String scope : scopes) {
      List<ItemStatus> rows = new ArrayList<>();
      for (MaintenanceItem item : checklist.itemsOf(scope)) {
        String key = MaintenanceStore.key(scope, item.id());
        Optional<Instant> last = Optional.ofNullable(done.get(key));
        Schedule.State state =
            Schedule.state(
                item.cadence(),
                checklist.grace(item.cadence()),
                last,
                tracked.getOrDefault(key, now),
                now);
        rows.add(new ItemStatus(item, scope, state, last, Optional.ofNullable(evidence.get(key))));
      }
      out.put(scope, rows);
    }
    return out;
  }

  /**
   * Records that a chore was done. Who signs is passed in, so a signed-in principal can take the
   * place of the form's field.
   *
   * @throws java.util.NoSuchElementException for an unknown environment or chore
   * @throws IllegalArgumentException for an empty or too long name or note
   */
  public SignOff signOff(
      String environment, String item, String who, String note, Optional<String> sourceAddress) {
    SignOff s = signOffOf(environment, item, who, note, "", sourceAddress);
    log.signOff(s);
    return s;
  }

  /** As {@link #signOffOf(String, String, String, String, String, Optional)}, without a reason. */
  public SignOff signOffOf(
      String environment, String item, String who, String note, Optional<String> sourceAddress) {
    return signOffOf(environment, item, who, note, "", sourceAddress);
  }

  /**
   * A sign-off checked and made, not yet recorded: for a caller that records it in its own
   * transaction ({@link MaintenanceStore#insert}). A chore whose latest automated check failed is
   * signed off only with a reason (why it may stay so, or what was done that the next check will
   * see), kept with what the check said.
   *
   * @param reason why the chore is signed off though its check fails; ignored when it does not
   * @throws java.util.NoSuchElementException for an unknown environment or chore
   * @throws IllegalArgumentException for an empty or too long name, note or reason, and for a chore
   *     whose check fails signed off without a reason
   */
  public SignOff signOffOf(
      String environment,
      String item,
      String who,
      String note,
      String reason,
      Optional<String> sourceAddress) {
    if (!knows(environment)) {
      throw new java.util.NoSuchElementException("No environment " + environment + ".");
    }
    MaintenanceItem chore =
        checklist
            .find(item)
            .filter(i -> i.appliesTo(environment))
            .orElseThrow(
                () ->
                    new java.util.NoSuchElementException(
                        "No maintenance chore " + item + " in " + environment + "."));
    String by = who == null ? "" : who.strip();
    String text = note == null ? "" : note.strip();
    if (by.isEmpty()) {
      throw new IllegalArgumentException("Say who did it: the by field is required.");
    }
    if (by.length() > MAX_BY) {
      throw new IllegalArgumentException("The by field takes at most " + MAX_BY + " characters.");
    }
    if (text.length() > MAX_NOTE) {
      throw new IllegalArgumentException("The note takes at most " + MAX_NOTE + " characters.");
    }
    String why = reason == null ? "" : reason.strip();
    if (by.indexOf('\0') >= 0 || text.indexOf('\0') >= 0 || why.indexOf('\0') >= 0) {
      // PostgreSQL stores no NUL in text: refused here, on every store alike.
      throw new IllegalArgumentException(
          "The by field, the note and the reason may not hold a NUL character.");
    }
    Optional<Evidence> failing =
        Optional.ofNullable(log.evidence().get(MaintenanceStore.key(environment, chore.id())))
            .filter(e -> e.verdict() == Verdict.FAIL);
    if (failing.isEmpty()) {
      return new SignOff(environment, chore.id(), by, clock.instant(), text, sourceAddress);
    }
    if (why.isEmpty()) {
      throw new IllegalArgumentException(
          "The latest check of \""
              + chore.title()
              + "\" failed ("
              + failing.get().detail()
              + "): give a reason to sign it off anyway (what was done, or why it may stay so).");
    }
    if (why.length() > MAX_NOTE) {
      throw new IllegalArgumentException("The reason takes at most " + MAX_NOTE + " characters.");
    }
    return new SignOff(
        environment,
        chore.id(),
        by,
        clock.instant(),
        text,
        sourceAddress,
        Optional.of(why),
        Optional.of(failing.get().detail()));
  }

  public List<SignOff> history(String environment, String item) {
    return log.history(environment, item);
  }

  /**
   * The newest sign-offs of one chore, at most {@value #HISTORY_SHOWN} and one more, so a reader
   * can say that older ones exist without reading them all.
   */
  public List<SignOff> recentHistory(String environment, String item) {
    return log.history(environment, item, HISTORY_SHOWN + 1);
  }

  /** Overdue critical chores of an environment: what the maintenance alarm reads. */
  public int overdueCritical(String environment) {
    return (int)
        statuses(environment).stream()
            .filter(s -> s.item().critical() && s.state().isOverdue())
            .count();
  }

  List<Environment> environments() {
    return catalog.environments();
  }

  /**
   * What the checks fetch from CloudWatch, per chore cadence: a line of the watching plan for each
   * cadence whose checks read daily statistics, summed over the environments.
   */
  public List<WatchingCost.Line> plannedFetches(SeriesPlans plans) {
    Map<Cadence, Integer> perRun = new java.util.EnumMap<>(Cadence.class);
    for (Environment env : environments()) {
      SeriesPlan plan = plans.of(env.name()).orElse(null);
      for (MaintenanceItem item : checklist.itemsOf(env.name())) {
        if (plan != null && item.check().isPresent()) {
          int n = EvidenceCollector.statistics(env, item.check().get(), plan).size();
          perRun.merge(item.cadence(), n, Integer::sum);
        }
      }
    }
    List<WatchingCost.Line> lines = new ArrayList<>();
    perRun.forEach(
        (cadence, n) -> {
          if (n > 0) {
            lines.add(
                WatchingCost.Line.metrics(
                    cadence.length(), n + " daily statistics (maintenance checks)", n));
          }
        });
    return lines;
  }
}
