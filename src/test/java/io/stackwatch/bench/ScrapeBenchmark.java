package io.stackwatch.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;

/** {@link ServingBenchmark} of {@code /q/metrics} alone, at about 10,000 series. */
@QuarkusTest
@TestProfile(Estate.TenThousand.class)
class ScrapeBenchmark extends ServingBenchmark {
  @Override
  int environments() {
    return 136;
  }

  @Override
  List<String> routes() {
    return List.of("/q/metrics");
  }
}
