package io.stackwatch.alarm;

import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFiles;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesUse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The series the alarm rules read: fetched every poll, so no alarm waits on stale data. */
@Singleton
public class AlarmSeriesUse implements SeriesUse {

  private final List<AlarmRule> rules;
  private final int lambdaConcurrencyLimit;

  AlarmSeriesUse(AlarmConfig config, DataFiles files) {
    this.rules = RuleLoader.load(files);
    this.lambdaConcurrencyLimit = config.lambdaConcurrencyLimit();
  }

  @Override
  public Set<String> seriesIds(Environment env, SeriesPlan offered) {
    return AlarmBinding.bind(rules, env, offered, lambdaConcurrencyLimit).stream()
        .flatMap(i -> AlarmBinding.reads(i, offered).stream())
        .map(Series::id)
        .collect(Collectors.toSet());
  }

  @Override
  public boolean everyPoll() {
    return true;
  }
}
