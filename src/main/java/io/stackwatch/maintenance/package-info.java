/**
 * The maintenance checklist as data, its calendar (a pure {@code Schedule}), sign-offs in the
 * store, and the evidence AWS gives for the chores it can judge.
 */
package io.stackwatch.maintenance;
