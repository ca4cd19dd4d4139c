package io.stackwatch.maintenance;

import java.util.List;
import java.util.Optional;

/**
 * One chore of the maintenance schedule, as {@code alarms/maintenance.yaml} writes it.
 *
 * @param id unique, kebab-case, such as {@code review-security-groups}
 * @param title what to do, in the seed's words
 * @param cadence how often
 * @param why what goes wrong when it is forgotten
 * @param how how to do it
 * @param global done once for the whole estate (such as updating the Terraform modules) rather than
 *     once per environment
 * @param environments the environments it applies to; empty for all (ignored for a global chore)
 * @param critical an overdue critical chore raises a warning alarm in its environment
 * @param check the automated evidence gathered for it, if any
 */
public record MaintenanceItem(
    String id,
    String title,
    Cadence cadence,
    String why,
    String how,
    boolean global,
    List<String> environments,
    boolean critical,
    Optional<CheckKind> check) {

  /** Where a global chore is tracked, in place of an environment name. */
  public static final String GLOBAL = "global";

  public MaintenanceItem {
    environments = List.copyOf(environments);
  }

  /** Whether the chore is tracked for this environment ({@link #GLOBAL} for global chores). */
  public boolean appliesTo(String environment) {
    if (global) {
      return environment.equals(GLOBAL);
    }
    return !environment.equals(GLOBAL)
        && (environments.isEmpty() || environments.contains(environment));
  }
}
