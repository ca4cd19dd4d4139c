package io.stackwatch.maintenance;

import java.time.Instant;
import java.util.Optional;

/**
 * One chore of one environment now: due or not, its last sign-off and its newest evidence.
 *
 * @param environment the environment, or {@link MaintenanceItem#GLOBAL}
 */
public record ItemStatus(
    MaintenanceItem item,
    String environment,
    Schedule.State state,
    Optional<Instant> lastDone,
    Optional<Evidence> evidence) {}
