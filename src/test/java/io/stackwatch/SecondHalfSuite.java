package io.stackwatch;

import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Every test class {@link FirstHalfSuite} does not hold. */
@Suite
@SelectPackages("io.stackwatch")
@ExcludeClassNamePatterns(FirstHalfSuite.PACKAGES)
public class SecondHalfSuite {}
