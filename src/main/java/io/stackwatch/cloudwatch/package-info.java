/**
 * Collection from CloudWatch: which series are due, query planning into GetMetricData batches of at
 * most 500, the poll into the sample store, the history CloudWatch still holds fetched once into
 * the history store ({@code HistoryFill}), and the SDK adapter behind {@code MetricSource}.
 */
package io.stackwatch.cloudwatch;
