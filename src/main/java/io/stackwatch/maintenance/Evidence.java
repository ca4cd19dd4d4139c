package io.stackwatch.maintenance;

import java.time.Instant;

/**
 * What one automated check found for one chore in one environment.
 *
 * @param check the check
 * @param verdict PASS, FAIL or UNKNOWN
 * @param detail what was found, naming each resource at fault, or why it could not tell
 * @param at when it was gathered
 */
public record Evidence(CheckKind check, Verdict verdict, String detail, Instant at) {

  public static Evidence pass(CheckKind check, String detail, Instant at) {
    return new Evidence(check, Verdict.PASS, detail, at);
  }

  public static Evidence unknown(CheckKind check, String detail, Instant at) {
    return new Evidence(check, Verdict.UNKNOWN, detail, at);
  }
}
