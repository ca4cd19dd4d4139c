/**
 * {@code /q/metrics}: every collected series under yet-another-cloudwatch-exporter's names, and
 * stackwatch's own families, from the snapshot.
 */
package io.stackwatch.export;
