package io.stackwatch.alarm;

import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesCadence;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesUse;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The series the alarm rules read, each at its alarm's period: a rule judging 1-minute points needs
 * every poll, one judging hours gets a new point only once an hour, so asking more often buys
 * nothing.
 */
@Singleton
public class AlarmSeriesUse implements SeriesUse {

  private final List<AlarmRule> rules;
  private final int lambdaConcurrencyLimit;

  AlarmSeriesUse(AlarmConfig config, DataFiles files) {
    this.rules = RuleLoader.load(files);
    this.lambdaConcurrencyLimit = config.lambdaConcurrencyLimit();
  }

  @Override
  public String name() {
    return "alarm rules";
  }

  @Override
  public Map<String, Duration> refreshes(
      Environment env, SeriesPlan offered, SeriesCadence cadence) {
    Map<String, Duration> out = new HashMap<>();
    for (AlarmInstance i : AlarmBinding.bind(rules, env, offered, lambdaConcurrencyLimit)) {
      Duration period = Duration.ofSeconds(i.periodSeconds());
      for (Series s : AlarmBinding.reads(i, offered)) {
        out.merge(s.id(), period, SeriesCadence::faster);
      }
    }
    return out;
  }
}
