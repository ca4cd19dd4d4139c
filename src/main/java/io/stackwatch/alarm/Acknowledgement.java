package io.stackwatch.alarm;

import java.time.Instant;

/**
 * Someone has seen an alarm and is on it.
 *
 * @param alarmKey the alarm, {@code <environment>/<id>}
 * @param at when
 * @param user who
 * @param note what they said, possibly empty
 */
public record Acknowledgement(String alarmKey, Instant at, String user, String note) {}
