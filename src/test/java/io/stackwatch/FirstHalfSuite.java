package io.stackwatch;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The test suite in two halves, one JUnit launch each, run side by side in two test JVMs by {@code
 * ./mvnw test}. Within one launch Quarkus orders the test classes by profile and builds and starts
 * an application once per profile; were each class a launch of its own (as Surefire hands classes
 * to more than one JVM), it would build and start one per class. This half holds the pages,
 * sign-in, the Prometheus export and the store; {@link SecondHalfSuite} every other test, so a new
 * test class is never left out. {@code -Dtest=...} runs classes directly.
 */
@Suite
@SelectPackages("io.stackwatch")
@IncludeClassNamePatterns(FirstHalfSuite.PACKAGES)
public class FirstHalfSuite {

  /** Classes named with "Test" (JUnit's default names among them) in this half's packages. */
  static final String PACKAGES =
      "^io\\.stackwatch\\.(web|security|export|store)\\..*(Test.*|Tests?)$";
}
