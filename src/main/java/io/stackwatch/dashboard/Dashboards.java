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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The dashboards in force ({@code dashboards/*.yaml}, shipped and configured), loaded and checked
 * at start-up: a broken file, or a panel naming a series no environment offers, stops stackwatch
 * with a message naming file, line, panel and field. The series panels read are collected at the
 * slow refresh (alarms make theirs faster).
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
  public Set<String> seriesIds(Environment env, SeriesPlan offered) {
    return seriesIds(dashboards, env, offered);
  }

  /** The ids of the series the panels of some dashboards read in one environment. */
  static Set<String> seriesIds(List<Dashboard> dashboards, Environment env, SeriesPlan offered) {
    Set<String> ids = new HashSet<>();
    List<Series> all = offered.all();
    for (Dashboard d : dashboards) {
      for (Section s : d.sections()) {
        for (Panel p : s.panels()) {
          if (!p.appliesTo(env.name())) {
            continue;
          }
          for (String ref : p.references()) {
            all.stream().map(Series::id).filter(id -> Panel.matches(ref, id)).forEach(ids::add);
          }
        }
      }
    }
    return ids;
  }

  @Override
  public boolean everyPoll() {
    return false;
  }
}
