package io.stackwatch.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The database of the stores that must survive a restart: a pooled JDBC data source, its schema
 * migrated by Flyway on start. The URL alone chooses H2 or PostgreSQL, at run time.
 */
public final class Database implements AutoCloseable {

  private final AgroalDataSource dataSource;

  public Database(String jdbcUrl, String username, String password, int maxConnections) {
    try {
      this.dataSource =
          AgroalDataSource.from(
              new AgroalDataSourceConfigurationSupplier()
                  .connectionPoolConfiguration(
                      pool ->
                          // Flyway holds a second connection while it migrates.
                          pool.maxSize(Math.max(2, maxConnections))
                              .acquisitionTimeout(Duration.ofSeconds(5))
                              .connectionFactoryConfiguration(
                                  f -> {
                                    f.jdbcUrl(jdbcUrl);
                                    driverFor(jdbcUrl).ifPresent(f::connectionProviderClass);
                                    if (username != null) {
                                      f.principal(new NamePrincipal(username));
                                    }
                                    if (password != null) {
                                      f.credential(new SimplePassword(password));
                                    }
                                    return f;
                                  })));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot open the store at " + safe(jdbcUrl) + ": " + e.getMessage(), e);
    }
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * The driver of the URL, named rather than looked up in {@code DriverManager}, which only knows
   * drivers of the class loader that first registered them.
   */
  private static Optional<Class<?>> driverFor(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.of(org.h2.Driver.class);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.of(org.postgresql.Driver.class);
    }
    return Optional.empty();
  }

  /** A URL as it may be shown: without any password it carries. */
  static String safe(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
