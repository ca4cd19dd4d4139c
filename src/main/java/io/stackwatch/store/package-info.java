/**
 * What must be remembered: the latest points and recent history of every series in memory, the
 * history at CloudWatch's tiers in the database (1-minute, 5-minute and 1-hour blocks, rolled up by
 * each statistic's meaning, kept for configurable retentions), each environment's freshness, and
 * the database (H2 or PostgreSQL, Flyway migrations) with its outage handling, the leadership lock
 * (a lease) with its terms (a fencing token that refuses a former leader's writes) and the points
 * shared between replicas. Knows nothing of alarms, costs or pages.
 */
package io.stackwatch.store;
