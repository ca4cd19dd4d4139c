/**
 * Cost Explorer: collection under a daily request cap into the store, summaries per environment
 * (month to date, forecast, anomalies, categories), the verdicts recorded as series for the cost
 * alarms, and what watching itself costs.
 */
package io.stackwatch.cost;
