package io.stackwatch.snapshot;

import io.stackwatch.series.Points.Sample;
import io.stackwatch.series.Series;
import java.util.Optional;

/**
 * A series of an environment and its newest point as of the snapshot.
 *
 * @param latest empty before its first datapoint
 */
public record SeriesReading(Series series, Optional<Sample> latest) {}
