package io.stackwatch.snapshot;

import io.stackwatch.dashboard.Level;
import io.stackwatch.dashboard.PanelUnit;
import io.stackwatch.series.Points.Sample;
import java.util.Optional;

/**
 * A panel of the overview evaluated for one environment: the newest value of its first series or of
 * its metric math, and how that value reads against the panel's levels.
 *
 * @param label the panel's title
 * @param unit the unit its value is shown in
 * @param latest empty when there is no value yet
 * @param level {@link Level#NONE} without a value
 */
public record KeyNumber(String label, PanelUnit unit, Optional<Sample> latest, Level level) {}
