package io.stackwatch.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ServingBenchmark} at 100 environments. */
@QuarkusTest
@TestProfile(Estate.Hundred.class)
class Serving100Benchmark extends ServingBenchmark {
  @Override
  int environments() {
    return 100;
  }
}
