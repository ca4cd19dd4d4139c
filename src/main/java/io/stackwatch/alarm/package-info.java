/**
 * Alarm rules as data ({@code alarms/*.yaml}), bound to the series of each environment and
 * evaluated as CloudWatch evaluates alarms by a pure {@code AlarmEvaluator}; states, transitions,
 * acknowledgements and silences (Alertmanager's: matchers, a start and an end) in the store.
 */
package io.stackwatch.alarm;
