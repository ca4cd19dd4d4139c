package io.stackwatch.simulator;

/**
 * One member of GetMetricData's MetricDataQueries, a MetricStat query (the simulator does not
 * evaluate expressions).
 *
 * @param label the Label given, or the metric name as AWS defaults it
 */
record MetricStatQuery(
    String id, String label, MetricId metric, int period, Stat stat, boolean returnData) {}
