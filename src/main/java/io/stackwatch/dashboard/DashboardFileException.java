package io.stackwatch.dashboard;

import java.util.List;

/**
 * Dashboard files that cannot be used. The message holds every problem of the load, one a line,
 * each naming file, line, panel and field, such as {@code dashboards/environment.yaml:31 section[2]
 * (database) panel[0] (db-cpu) series: "rds.cpux" matches no series}.
 */
public final class DashboardFileException extends RuntimeException {

  private final List<String> errors;

  public DashboardFileException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in file order. */
  public List<String> errors() {
    return errors;
  }
}
