package io.stackwatch.datafile;

import java.util.List;

/**
 * Rule files that cannot be used. The message holds every problem of the load, one a line, each
 * naming file, line, rule and field, such as {@code alarms/rds.yaml:14 rule[2] (rds-cpu-high)
 * threshold: missing}, so one start-up shows everything to fix.
 */
public final class DataFileException extends RuntimeException {

  private final List<String> errors;

  public DataFileException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in file order. */
  public List<String> errors() {
    return errors;
  }
}
