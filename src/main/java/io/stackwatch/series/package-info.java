/**
 * The vocabulary of time series: what a series is (a CloudWatch statistic, or one stackwatch
 * derives or records), the plan of what to fetch and how often, units, and points. Depends only on
 * the catalog.
 */
package io.stackwatch.series;
