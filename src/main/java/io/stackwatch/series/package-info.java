/**
 * The vocabulary of time series: what a series is (a CloudWatch statistic, or one stackwatch
 * derives or records), the plan of what to fetch and how often, units, points, the tiers history is
 * kept at and how a statistic rolls up into a coarser one. Depends only on the catalog.
 */
package io.stackwatch.series;
