package io.stackwatch.cloudwatch;

import io.stackwatch.series.SeriesCadence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The refresh cadences of {@code stackwatch.poll}, for whatever plans or shows series. */
@ApplicationScoped
class CadenceProducer {

  @Produces
  @Singleton
  SeriesCadence cadence(PollConfig poll) {
    return new SeriesCadence(poll.interval(), poll.slowInterval());
  }
}
