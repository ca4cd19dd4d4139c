/**
 * The pipeline on its schedule: poll, record, evaluate, notify, publish; and the replicas, which
 * share one PostgreSQL, of which only the leader runs the pipeline.
 */
package io.stackwatch.poll;
