/**
 * Grouping of alarm transitions per environment with Alertmanager's semantics (group wait, group
 * interval, repeat interval): a pure function of the transitions and the times it is given. Depends
 * on nothing of notify.
 */
package io.stackwatch.notify.grouping;
