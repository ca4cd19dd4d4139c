package io.stackwatch.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ServingBenchmark} at 30 environments. */
@QuarkusTest
@TestProfile(Estate.Thirty.class)
class Serving30Benchmark extends ServingBenchmark {
  @Override
  int environments() {
    return 30;
  }
}
