package io.stackwatch.notify.message;

import java.time.LocalDate;

/**
 * A maintenance chore past its due date, as the digest lists it.
 *
 * @param title what to do, such as "Review security groups"
 * @param due when it was due
 */
public record OverdueItem(String title, LocalDate due) {}
