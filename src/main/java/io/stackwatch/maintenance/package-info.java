/**
 * The maintenance checklist as data, its calendar (a pure {@code Schedule}), sign-offs in the store
 * (with a reason when the chore's latest check failed), and the evidence AWS gives for the chores
 * it can judge.
 */
package io.stackwatch.maintenance;
