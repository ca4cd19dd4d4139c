package io.stackwatch.series;

import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.catalog.Resource;
import io.stackwatch.catalog.ResourceKind;
import io.stackwatch.series.MetricStat.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The series stackwatch can watch, as data ({@code dashboards/series/*.yaml}): for each kind of
 * resource, the CloudWatch statistics of every resource of that kind. Applied to an environment's
 * {@link Inventory} it gives the series the environment offers; the readers (alarm rules, panels)
 * then choose what is fetched.
 */
public final class SeriesCatalog {

  /** Namespace of the cost series stackwatch records itself (see {@link SeriesPlan#recorded()}). */
  public static final String RECORDED = "stackwatch/Cost";

  /** Namespace of the maintenance series stackwatch records itself. */
  public static final String MAINTENANCE = "stackwatch/Maintenance";

  /** What stands for the resource's short name in an id or a title. */
  public static final String NAME = "{name}";

  /** What stands for the environment's name in a dimension value of an environment series. */
  public static final String ENVIRONMENT = "{environment}";

  /**
   * One series of every resource of a kind.
   *
   * @param kind the kind of resource it is published for
   * @param namespace such as {@code AWS/RDS}
   * @param dimensions for {@link ResourceKind#ENVIRONMENT}: dimension names to values ({@code
   *     {environment}} replaced); for other kinds empty: the resource's own dimensions
   * @param id unique within an environment once expanded, such as {@code cache.{name}.hits}
   * @param title what an operator calls it, such as {@code Cache hits {name}}
   * @param metric the CloudWatch metric name
   * @param statistic any CloudWatch statistic, percentiles and trimmed means included
   * @param unit the unit of its values
   * @param periodSeconds the period of each datapoint
   * @param where the file and line that define it, for messages
   */
  public record Template(
      ResourceKind kind,
      String namespace,
      Map<String, String> dimensions,
      String id,
      String title,
      String metric,
      String statistic,
      Unit unit,
      int periodSeconds,
      String where) {

    /** The id as a pattern that matches it for any resource name, such as {@code cache.*.hits}. */
    public String idPattern() {
      return id.replace(NAME, "*");
    }
  }

  private final List<Template> templates;

  public SeriesCatalog(List<Template> templates) {
    this.templates = List.copyOf(templates);
  }

  public List<Template> templates() {
    return templates;
  }

  /**
   * Every series an environment's inventory offers: fetched ones (each at {@code refresh}), those
   * stackwatch derives from them, and those it records itself.
   */
  public SeriesPlan offered(Environment env, Inventory inventory, Duration refresh) {
    List<Series> fetched = new ArrayList<>();
    for (Template t : templates) {
      List<Resource> resources = inventory.of(t.kind());
      for (Resource r : resources) {
        fetched.add(series(env.name(), t, r, resources.size() > 1, refresh));
      }
    }
    return new SeriesPlan(env.name(), fetched, DerivedSeries.of(env, fetched), recorded(env));
  }

  private static Series series(
      String env, Template t, Resource r, boolean several, Duration refresh) {
    // An id written without {name} names the only resource of its kind; with several, each gets
    // its name appended, so ids stay unique and panels can read them as id.*.
    boolean named = t.id().contains(NAME);
    String id = named || !several ? t.id().replace(NAME, r.name()) : t.id() + "." + r.name();
    String title =
        t.title().contains(NAME) || !several
            ? t.title().replace(NAME, r.name())
            : t.title() + " " + r.name();
    List<Dimension> dims = new ArrayList<>();
    if (t.kind() == ResourceKind.ENVIRONMENT) {
      t.dimensions().forEach((k, v) -> dims.add(new Dimension(k, v.replace(ENVIRONMENT, env))));
    } else {
      r.dimensions().forEach((k, v) -> dims.add(new Dimension(k, v)));
    }
    MetricStat stat =
        new MetricStat(t.namespace(), t.metric(), dims, t.statistic(), t.periodSeconds());
    return new Series(id, env, title, t.unit(), Optional.of(stat), refresh, t.kind());
  }

  /** What stackwatch records itself, whatever the inventory: the cost and maintenance verdicts. */
  private static List<Series> recorded(Environment env) {
    List<Dimension> dims = List.of(new Dimension("Environment", env.name()));
    return List.of(
        recorded(
            env,
            RECORDED,
            dims,
            "cost.forecast_budget_ratio",
            "Cost forecast against budget",
            "ForecastToBudget",
            Unit.PERCENT),
        recorded(
            env,
            RECORDED,
            dims,
            "cost.anomaly",
            "Cost anomaly in the last 3 days",
            "Anomaly",
            Unit.COUNT),
        recorded(
            env,
            MAINTENANCE,
            dims,
            "maintenance.overdue_critical",
            "Critical maintenance chores overdue",
            "OverdueCritical",
            Unit.COUNT));
  }

  private static Series recorded(
      Environment env,
      String namespace,
      List<Dimension> dims,
      String id,
      String title,
      String metric,
      Unit unit) {
    return new Series(
        id,
        env.name(),
        title,
        unit,
        Optional.of(new MetricStat(namespace, metric, dims, "Maximum", 60)),
        Duration.ZERO);
  }
}
