/**
 * Alarm rules as data ({@code alarms/*.yaml}), bound to the series of each environment and
 * evaluated as CloudWatch evaluates alarms by a pure {@code AlarmEvaluator}; states, transitions
 * and acknowledgements in the store.
 */
package io.stackwatch.alarm;
