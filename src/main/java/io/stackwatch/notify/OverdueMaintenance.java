package io.stackwatch.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The digest's extension point for maintenance: which chores of the seed's daily, weekly, monthly
 * and quarterly lists are overdue. Until the maintenance issue provides a bean of this type, {@link
 * UntrackedMaintenance} answers that nothing is tracked, and the digest says so rather than
 * inventing a schedule.
 */
public interface OverdueMaintenance {

  /**
   * The overdue chores of an environment, oldest first; empty (not an empty list) while no
   * maintenance schedule is kept.
   */
  Optional<List<OverdueItem>> overdue(String environment, Instant now);
}
