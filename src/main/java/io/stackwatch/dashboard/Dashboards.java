package io.stackwatch.dashboard;

import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesCatalog;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.series.SeriesUse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The dashboards in force ({@code dashboards/*.yaml}, shipped and configured), loaded and checked
 * at start-up: a broken file, or a panel naming a series no environment offers, stops stackwatch
 * with a message naming file, line, panel and field. The series panels read are collected at the
 * refresh each panel states, or the slow refresh (alarms make theirs faster).
 */
@Singleton
public class Dashboards implements SeriesUse {

  private static final Logger LOG = Logger.getLogger(Dashboards.class);

  private final List<Dashboard> dashboards;

  public Dashboards(DataFiles files, Catalog catalog, SeriesCatalog series, SeriesCadence cadence) {
    Set<String> offered =
        SeriesPlans.offered(catalog, series, cadence).all().stream()
            .flatMap(p -> p.all().stream())
            .map(Series::id)
            .collect(Collectors.toSet());
    this.dashboards = DashboardLoader.load(files, offered);
    LOG.infof(
        "%d dashboard files, %d panels",
        dashboards.size(),
        dashboards.stream()
            .flatMap(d -> d.sections().stream())
            .mapToLong(s -> s.panels().size())
            .sum());
  }

  /** The sections of a page, files in name order. */
  public List<Section> sections(Dashboard.Page page) {
    return dashboards.stream()
        .filter(d -> d.page() == page)
        .flatMap(d -> d.sections().stream())
        .toList();
  }

  @Override
  public String name() {
    return "panels";
  }

  @Override
  public Map<String, Duration> refreshes(
      Environment env, SeriesPlan offered, SeriesCadence cadence) {
    return refreshes(dashboards, env, offered, cadence);
  }

  /**
   * The series the panels of some dashboards read in one environment, each at the fastest refresh
   * of the panels showing it: a panel's own, or the slow refresh.
   */
  static Map<String, Duration> refreshes(
      List<Dashboard> dashboards, Environment env, SeriesPlan offered, SeriesCadence cadence) {
    Map<String, Duration> out = new HashMap<>();
    List<Series> all = offered.all();
    for (Dashboard d : dashboards) {
      for (Section s : d.sections()) {
        for (Panel p : s.panels()) {
          if (!p.appliesTo(env.name())) {
            continue;
          }
          Duration refresh = p.refresh().orElse(cadence.slow());
          for (String ref : p.references()) {
            all.stream()
                .map(Series::id)
                .filter(id -> Panel.matches(ref, id))
                .forEach(id -> out.merge(id, refresh, SeriesCadence::faster));
          }
        }
      }
    }
    return out;
  }
}
