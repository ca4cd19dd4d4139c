package io.stackwatch.maintenance;

import io.stackwatch.cost.CostSummary;
import io.stackwatch.maintenance.Inventory.DbInstance;
import io.stackwatch.maintenance.Inventory.DbSnapshot;
import io.stackwatch.maintenance.Inventory.ElasticIp;
import io.stackwatch.maintenance.Inventory.Ingress;
import io.stackwatch.maintenance.Inventory.LogGroup;
import io.stackwatch.maintenance.Inventory.SecurityGroup;
import io.stackwatch.maintenance.Inventory.Volume;
import io.stackwatch.series.Points;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The maintenance checks as pure functions: what was read in, a verdict and a detail that names
 * every resource at fault out. No AWS, no clock, no store: the caller passes what it fetched and
 * the time.
 */
public final class Checks {

  /** Cost data older than this fails the daily cost check. */
  static final Duration COST_FRESH = Duration.ofDays(1);

  /** Week-over-week change above this, either way, fails the trend check. */
  static final double TREND_LIMIT_PERCENT = 50;

  /** Manual snapshots older than this are unused resources. */
  static final Duration SNAPSHOT_AGE = Duration.ofDays(90);

  static final int MIN_BACKUP_RETENTION_DAYS = 7;
  static final int LOG_RETENTION_DAYS = 30;

  /** Storage that fills up sooner than this fails capacity planning: before the next review. */
  static final int CAPACITY_HORIZON_DAYS = 90;

  /** Nodes averaging less CPU than this are right-sizing candidates. */
  static final double RIGHT_SIZING_CPU_PERCENT = 10;

  private static final Set<Integer> DATA_PORTS = Set.of(5432, 6379);
  private static final long GIB = 1024L * 1024 * 1024;

  private Checks() {}

  /** The security group of the environment's ALB, the only one that may be open to everyone. */
  public static String albGroup(String environment) {
    return environment + "-alb-sg";
  }

  /** The application's security groups (ECS tasks and Lambda), the only sources of 5432/6379. */
  public static List<String> applicationGroups(String environment) {
    return List.of(environment + "-ecs-tasks-sg", environment + "-lambda-sg");
  }

  /** The log groups whose ERROR lines are counted. */
  public static List<String> errorLogGroups(String environment, List<String> lambdaFunctions) {
    List<String> groups = new ArrayList<>();
    groups.add("/ecs/" + environment);
    lambdaFunctions.forEach(f -> groups.add("/aws/lambda/" + f));
    return groups;
  }

  /** The stack's log groups, whose retention must be 30 days. */
  public static List<String> retainedLogGroups(String environment, List<String> lambdaFunctions) {
    List<String> groups = new ArrayList<>(errorLogGroups(environment, lambdaFunctions));
    groups.add("/aws/apigateway/" + environment);
    return groups;
  }

  // --- daily ---

  /** Cost Explorer read within the last day, and no anomaly in the last three days. */
  public static Evidence cost(Optional<Instant> asOf, Optional<CostSummary> summary, Instant now) {
    CheckKind k = CheckKind.COST_AND_USAGE;
    if (asOf.isEmpty() || summary.isEmpty()) {
      return Evidence.unknown(k, "Cost Explorer has not been read yet.", now);
    }
    List<String> findings = new ArrayList<>();
    Duration age = Duration.between(asOf.get(), now);
    if (age.compareTo(COST_FRESH) > 0) {
      findings.add("cost data last refreshed " + age.toHours() + " h ago (more than a day)");
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    summary.get().anomalies().stream()
        .filter(d -> !d.isBefore(today.minusDays(2)))
        .forEach(d -> findings.add("cost anomaly on " + d));
    String mtd =
        "month to date $" + summary.get().monthToDate().setScale(2, java.math.RoundingMode.HALF_UP);
    return verdict(
        k,
        findings,
        "Cost data refreshed "
            + age.toHours()
            + " h ago, no anomaly in the last 3 days; "
            + mtd
            + ".",
        now);
  }

  /** No ERROR line in the last 24 hours; {@code counts} by log group, in the order read. */
  public static Evidence logErrors(Map<String, Long> counts, List<String> missing, Instant now) {
    CheckKind k = CheckKind.LOG_ERRORS;
    List<String> findings = new ArrayList<>();
    counts.forEach(
        (group, n) -> {
          if (n > 0) {
            findings.add(group + ": " + n + " ERROR line" + (n == 1 ? "" : "s") + " in 24 h");
          }
        });
    missing.forEach(g -> findings.add(g + ": log group not found"));
    return verdict(
        k, findings, "No ERROR line in 24 h in " + String.join(", ", counts.keySet()) + ".", now);
  }

  // --- weekly ---

  /**
   * PostgreSQL and Redis reachable only from the application's groups, and nothing but the ALB open
   * to the internet.
   */
  public static Evidence securityGroups(
      String environment, List<SecurityGroup> groups, Instant now) {
    CheckKind k = CheckKind.SECURITY_GROUPS;
    if (groups.isEmpty()) {
      return Evidence.unknown(
          k, "No security group is tagged Environment=" + environment + ".", now);
    }
    Map<String, String> namesById = new LinkedHashMap<>();
    groups.forEach(g -> namesById.put(g.id(), g.name()));
    List<String> app = applicationGroups(environment);
    List<String> findings = new ArrayList<>();
    for (SecurityGroup g : groups) {
      boolean alb = g.name().equals(albGroup(environment));
      for (Ingress r : g.ingress()) {
        for (String cidr : r.cidrs()) {
          boolean everyone = cidr.equals("0.0.0.0/0") || cidr.equals("::/0");
          if (everyone && !alb) {
            findings.add(g.label() + ": " + r.ports() + " open to " + cidr);
          } else {
            for (int port : DATA_PORTS) {
              if (r.covers(port) && !alb) {
                findings.add(g.label() + ": " + port + " open to the range " + cidr);
              }
            }
          }
        }
        for (String source : r.sourceGroups()) {
          String sourceName = namesById.getOrDefault(source, source);
          for (int port : DATA_PORTS) {
            if (r.covers(port) && !app.contains(sourceName)) {
              findings.add(
                  g.label()
                      + ": "
                      + port
                      + " open to "
                      + source
                      + " ("
                      + sourceName
                      + "), not an application group");
            }
          }
        }
      }
    }
    return verdict(
        k,
        findings.stream().distinct().toList(),
        groups.size()
            + " security groups: 5432 and 6379 only from "
            + String.join(", ", app)
            + "; only "
            + albGroup(environment)
            + " open to the internet.",
        now);
  }

  /**
   * The key metrics' mean of the last 7 days against the 7 before.
   *
   * @param daily each metric's title to its daily points (period 86400) over 14 days
   */
  public static Evidence metricTrends(Map<String, Points> daily, Instant now) {
    CheckKind k = CheckKind.METRIC_TRENDS;
    long split = now.getEpochSecond() / 86_400 * 86_400 - 7 * 86_400L;
    List<String> changes = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    daily.forEach(
        (title, points) -> {
          double[] last = mean(points, split, Long.MAX_VALUE);
          double[] before = mean(points, Long.MIN_VALUE, split);
          if (last[1] < 4 || before[1] < 4) {
            return; // too few days to compare
          }
          if (before[0] == 0) {
            if (last[0] != 0) {
              findings.add(title + " from 0 to " + fmt(last[0]) + " a day");
            }
            changes.add(title + " 0 → " + fmt(last[0]));
            return;
          }
          double change = (last[0] - before[0]) / Math.abs(before[0]) * 100;
          String text = String.format(Locale.ROOT, "%s %+.1f %%", title, change);
          changes.add(text);
          if (Math.abs(change) > TREND_LIMIT_PERCENT) {
            findings.add(text + " week over week");
          }
        });
    if (changes.isEmpty()) {
      return Evidence.unknown(k, "Not enough daily data to compare two weeks.", now);
    }
    return verdict(k, findings, "Week over week: " + String.join(", ", changes) + ".", now);
  }

  // --- monthly ---

  /** Unattached volumes, unassociated Elastic IPs, manual snapshots older than 90 days. */
  public static Evidence unusedResources(
      List<Volume> volumes, List<ElasticIp> addresses, List<DbSnapshot> snapshots, Instant now) {
    List<String> findings = new ArrayList<>();
    for (Volume v : volumes) {
      if (v.state().equals("available")) {
        findings.add(
            "volume " + v.id() + label(v.name()) + ", " + v.sizeGib() + " GiB, not attached");
      }
    }
    for (ElasticIp a : addresses) {
      if (!a.associated()) {
        findings.add(
            "Elastic IP "
                + a.publicIp()
                + label(a.name())
                + " "
                + a.allocationId()
                + " not associated");
      }
    }
    for (DbSnapshot s : snapshots) {
      long days = Duration.between(s.created(), now).toDays();
      if (days > SNAPSHOT_AGE.toDays()) {
        findings.add(
            "manual snapshot "
                + s.identifier()
                + " of "
                + s.instance()
                + ", "
                + days
                + " days old");
      }
    }
    return verdict(
        CheckKind.UNUSED_RESOURCES,
        findings,
        volumes.size()
            + " volumes attached, "
            + addresses.size()
            + " Elastic IPs associated, "
            + snapshots.size()
            + " manual snapshots none older than 90 days.",
        now);
  }

  /** RDS automated backups kept at least 7 days; the stack's log groups kept 30 days. */
  public static Evidence backupRetention(
      String dbIdentifier,
      Optional<DbInstance> db,
      List<String> expectedGroups,
      List<LogGroup> groups,
      Instant now) {
    List<String> findings = new ArrayList<>();
    if (db.isEmpty()) {
      findings.add("RDS instance " + dbIdentifier + " not found");
    } else if (db.get().backupRetentionDays() < MIN_BACKUP_RETENTION_DAYS) {
      findings.add(
          "RDS instance "
              + dbIdentifier
              + " keeps backups "
              + db.get().backupRetentionDays()
              + " days (at least "
              + MIN_BACKUP_RETENTION_DAYS
              + ")");
    }
    Map<String, LogGroup> byName = new LinkedHashMap<>();
    groups.forEach(g -> byName.put(g.name(), g));
    for (String name : expectedGroups) {
      LogGroup g = byName.get(name);
      if (g == null) {
        findings.add("log group " + name + " not found");
      } else if (g.retentionDays().isEmpty()) {
        findings.add("log group " + name + " never expires (30 days expected)");
      } else if (g.retentionDays().get() != LOG_RETENTION_DAYS) {
        findings.add(
            "log group " + name + " retains " + g.retentionDays().get() + " days (30 expected)");
      }
    }
    return verdict(
        CheckKind.BACKUP_RETENTION,
        findings,
        "RDS instance "
            + dbIdentifier
            + " keeps backups "
            + db.map(DbInstance::backupRetentionDays).orElse(0)
            + " days; "
            + expectedGroups.size()
            + " log groups retain 30 days.",
        now);
  }

  // --- quarterly ---

  /**
   * Days until the RDS storage is full at the trend of its daily minimum free storage.
   *
   * @param freeBytes daily minimum of FreeStorageSpace over 30 days
   */
  public static Evidence capacity(
      String dbIdentifier, Points freeBytes, long allocatedBytes, Instant now) {
    CheckKind k = CheckKind.CAPACITY;
    if (freeBytes.size() < 7) {
      return Evidence.unknown(
          k, "Fewer than 7 days of free storage data for " + dbIdentifier + ".", now);
    }
    double slopePerDay = slope(freeBytes) * 86_400;
    double free = freeBytes.values()[freeBytes.size() - 1];
    String state =
        String.format(
            Locale.ROOT,
            "%s: %.1f GiB free of %.0f GiB",
            dbIdentifier,
            free / GIB,
            allocatedBytes / (double) GIB);
    if (slopePerDay >= 0) {
      return Evidence.pass(k, state + ", not shrinking over 30 days.", now);
    }
    double days = free / -slopePerDay;
    String text =
        String.format(
            Locale.ROOT,
            "%s, shrinking %.2f GiB a day: full in about %.0f days",
            state,
            -slopePerDay / GIB,
            days);
    if (days < CAPACITY_HORIZON_DAYS) {
      return new Evidence(k, Verdict.FAIL, text + " (under " + CAPACITY_HORIZON_DAYS + ").", now);
    }
    return Evidence.pass(k, text + ".", now);
  }

  /**
   * Nodes averaging under 10 % CPU over 30 days.
   *
   * @param cpu each node's name to its daily average CPU in percent
   */
  public static Evidence rightSizing(Map<String, Points> cpu, Instant now) {
    CheckKind k = CheckKind.RIGHT_SIZING;
    List<String> findings = new ArrayList<>();
    List<String> averages = new ArrayList<>();
    cpu.forEach(
        (node, points) -> {
          if (points.size() < 7) {
            return;
          }
          double avg = mean(points, Long.MIN_VALUE, Long.MAX_VALUE)[0];
          String text = String.format(Locale.ROOT, "%s averages %.1f %% CPU", node, avg);
          averages.add(text);
          if (avg < RIGHT_SIZING_CPU_PERCENT) {
            findings.add(text + " over 30 days: a right-sizing candidate");
          }
        });
    if (averages.isEmpty()) {
      return Evidence.unknown(k, "Not enough daily CPU data.", now);
    }
    return verdict(k, findings, String.join(", ", averages) + " over 30 days.", now);
  }

  // --- arithmetic and wording ---

  private static Evidence verdict(
      CheckKind k, List<String> findings, String passDetail, Instant now) {
    if (findings.isEmpty()) {
      return Evidence.pass(k, passDetail, now);
    }
    return new Evidence(k, Verdict.FAIL, String.join("; ", findings) + ".", now);
  }

  /** Mean and count of the points in {@code [from, to)}. */
  private static double[] mean(Points p, long from, long to) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < p.size(); i++) {
      long t = p.epochSeconds()[i];
      if (t >= from && t < to) {
        sum += p.values()[i];
        n++;
      }
    }
    return new double[] {n == 0 ? 0 : sum / n, n};
  }

  /** Least-squares slope, per second. */
  private static double slope(Points p) {
    int n = p.size();
    double t0 = p.epochSeconds()[0];
    double mt = 0;
    double mv = 0;
    for (int i = 0; i < n; i++) {
      mt += p.epochSeconds()[i] - t0;
      mv += p.values()[i];
    }
    mt /= n;
    mv /= n;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double dt = p.epochSeconds()[i] - t0 - mt;
      num += dt * (p.values()[i] - mv);
      den += dt * dt;
    }
    return den == 0 ? 0 : num / den;
  }

  private static String label(String name) {
    return name == null || name.isEmpty() ? "" : " (" + name + ")";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
