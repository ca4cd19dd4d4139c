/**
 * Delivery that loses nothing: every message is written to the outbox before it is sent, and marked
 * sent only when SNS returned a MessageId; backoff, ordering per topic, and the notifiers (SNS,
 * log).
 */
package io.stackwatch.notify.outbox;
