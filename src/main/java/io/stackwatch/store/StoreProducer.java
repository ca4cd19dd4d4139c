package io.stackwatch.store;

import io.stackwatch.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the in-memory stores injectable. */
@ApplicationScoped
class StoreProducer {

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
