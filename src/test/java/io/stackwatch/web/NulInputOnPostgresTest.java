package io.stackwatch.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.store.TestDatabases;
import java.util.Map;

/** {@link NulInputTest} against PostgreSQL, which refuses a NUL in text on its own. */
@QuarkusTest
@TestProfile(NulInputOnPostgresTest.Postgres.class)
class NulInputOnPostgresTest extends NulInputTest {

  /** The store on embedded PostgreSQL. */
  public static class Postgres implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.store.jdbc-url", TestDatabases.fresh("postgresql"));
    }
  }
}
