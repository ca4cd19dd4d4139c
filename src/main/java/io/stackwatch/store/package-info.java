/**
 * What must be remembered: the latest points and recent history of every series in memory, each
 * environment's freshness, and the database (H2 or PostgreSQL, Flyway migrations) with its outage
 * handling, the leadership lock (a lease) with its terms (a fencing token that refuses a former
 * leader's writes) and the points shared between replicas. Knows nothing of alarms, costs or pages.
 */
package io.stackwatch.store;
