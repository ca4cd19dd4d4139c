package io.stackwatch.store;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.series.Rollup;
import io.stackwatch.series.SeriesPlan;
import io.stackwatch.series.SeriesPlans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Makes the in-memory stores injectable. */
@ApplicationScoped
class StoreProducer {

  private static final Logger LOG = Logger.getLogger(StoreProducer.class);

  @Produces
  @Singleton
  SampleStore samples(StoreConfig config) {
    return new SampleStore(config.retention(), config.period());
  }

  @Produces
  @Singleton
  Freshness freshness(StoreConfig config) {
    return new Freshness(config.staleAfter());
  }

  @Produces
  @Singleton
  Database database(StoreConfig config, AwsClients aws) {
    // The password may be a secretsmanager: reference, read once here.
    return new Database(
        config.jdbcUrl(),
        config.username().orElse(null),
        config.password().map(p -> aws.secret("stackwatch.store.password", p)).orElse(null),
        config.maxConnections(),
        config.acquisitionTimeout());
  }

  @Produces
  @Singleton
  SampleJournal journal(Database database, SampleStore samples, Freshness freshness) {
    return new SampleJournal(database, samples, freshness);
  }

  /**
   * The history, with the points of the sample store's window loaded from the database, so the
   * pages show after a restart what they showed before it.
   */
  @Produces
  @Singleton
  History history(
      Database database,
      SampleStore samples,
      SeriesPlans plans,
      HistoryConfig config,
      StoreConfig store,
      Clock clock) {
    ConcurrentHashMap<String, Rollup> rollups = new ConcurrentHashMap<>();
    History history =
        new History(
            new HistoryStore(database),
            samples,
            key -> rollups.computeIfAbsent(key, k -> rollup(plans, k)),
            config,
            store.retention(),
            clock);
    try {
      long started = System.nanoTime();
      long points = history.restore();
      LOG.infof(
          "Loaded %,d points of history in %d ms",
          points, (System.nanoTime() - started) / 1_000_000);
    } catch (StoreUnavailableException e) {
      LOG.warnf("Cannot load history, the polls will fill it: %s", e.getMessage());
    }
    return history;
  }

  private static Rollup rollup(SeriesPlans plans, String key) {
    int slash = key.indexOf('/');
    return plans
        .of(key.substring(0, slash))
        .flatMap((SeriesPlan p) -> p.find(key.substring(slash + 1)))
        .map(Rollup::of)
        .orElse(Rollup.AVERAGE);
  }

  @Produces
  @Singleton
  Leadership leadership(Database database, StoreConfig config) {
    return new Leadership(database, config.leaderLease());
  }

  void release(@Disposes Leadership leadership) {
    leadership.close();
  }

  void close(@Disposes Database database) {
    database.close();
  }
}
