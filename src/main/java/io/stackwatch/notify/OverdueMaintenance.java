package io.stackwatch.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The digest's view of maintenance: which chores of the seed's daily, weekly, monthly and quarterly
 * lists are overdue. {@code io.stackwatch.maintenance.Maintenance} answers it from the schedule.
 */
public interface OverdueMaintenance {

  /**
   * The overdue chores of an environment, oldest first; empty (not an empty list) while no
   * maintenance schedule is kept.
   */
  Optional<List<OverdueItem>> overdue(String environment, Instant now);
}
