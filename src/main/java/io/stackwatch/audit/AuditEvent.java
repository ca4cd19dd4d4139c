package io.stackwatch.audit;

import java.time.Instant;

/**
 * One recorded change.
 *
 * @param at when it was made
 * @param user who made it, as signed in ({@code local} in open mode)
 * @param action what was done, such as {@code alarm.acknowledge}
 * @param target what it was done to, such as {@code prod/rds-cpu-high}
 * @param detail anything else worth keeping, such as the note
 * @param sourceAddress the client's address, as the server saw it
 */
public record AuditEvent(
    Instant at, String user, String action, String target, String detail, String sourceAddress) {}
