package io.stackwatch.maintenance;

/** What a check found: nothing wrong, something to fix, or that it could not tell. */
public enum Verdict {
  PASS,
  FAIL,
  UNKNOWN
}
