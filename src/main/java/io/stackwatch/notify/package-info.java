/**
 * Alert summaries and the daily digest to SNS, in stages as Alertmanager keeps them: {@code
 * routing} (the tree of {@code alarms/routes.yaml}, pure), {@code grouping} (pure, one grouper per
 * route), {@code message} (formatters and templates), {@code outbox} (the persistent outbox and the
 * notifiers). This package wires the stages to the pipeline: it routes each evaluation's
 * transitions, keeps each route's groups in the store, writes the digest from the snapshot, and
 * drains the outbox on its cadence.
 */
package io.stackwatch.notify;
