/**
 * Alert summaries and the daily digest to SNS, in stages as Alertmanager keeps them: {@code
 * grouping} (pure), {@code message} (formatters and templates), {@code outbox} (the persistent
 * outbox and the notifiers). This package wires the stages to the pipeline: it takes each
 * evaluation's transitions, writes the digest from the snapshot, and drains the outbox on its
 * cadence.
 */
package io.stackwatch.notify;
