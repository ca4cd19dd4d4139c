package io.stackwatch.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;

/**
 * {@link ServingBenchmark} of {@code /q/metrics} alone, at about 10,000 series: plain, and as a
 * scraper that accepts gzip.
 */
@QuarkusTest
@TestProfile(Estate.TenThousand.class)
class ScrapeBenchmark extends ServingBenchmark {
  @Override
  int environments() {
    return 136;
  }

  @Override
  List<Route> routes() {
    return List.of(new Route("/q/metrics"), new Route("/q/metrics", true));
  }
}
