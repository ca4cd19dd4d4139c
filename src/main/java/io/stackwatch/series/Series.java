package io.stackwatch.series;

import io.stackwatch.catalog.ResourceKind;
import java.time.Duration;
import java.util.Optional;

/**
 * A series of one environment: either fetched from CloudWatch ({@code stat} present) or derived by
 * stackwatch from fetched series ({@code stat} empty, see {@link DerivedSeries}).
 *
 * @param id unique within the environment, such as {@code rds.cpu}
 * @param environment environment name
 * @param title what an operator calls it
 * @param unit unit of its values
 * @param stat the CloudWatch statistic it is fetched as; empty for a derived series
 * @param refresh how often it must be fetched; the whole window since the last fetch is read, so a
 *     longer refresh loses freshness, never resolution
 * @param kind the kind of resource it is published for; {@link ResourceKind#ENVIRONMENT} for one of
 *     the environment as a whole, derived and recorded series included
 */
public record Series(
    String id,
    String environment,
    String title,
    Unit unit,
    Optional<MetricStat> stat,
    Duration refresh,
    ResourceKind kind) {

  /** A series of the environment as a whole. */
  public Series(
      String id,
      String environment,
      String title,
      Unit unit,
      Optional<MetricStat> stat,
      Duration refresh) {
    this(id, environment, title, unit, stat, refresh, ResourceKind.ENVIRONMENT);
  }

  /** Whether CloudWatch publishes it, rather than stackwatch deriving or recording it. */
  public boolean fromCloudWatch() {
    return stat.isPresent() && !stat.get().namespace().startsWith("stackwatch/");
  }

  /** Store key, unique across environments. */
  public String key() {
    return environment + "/" + id;
  }
}
