package io.stackwatch.notify.outbox;

import io.stackwatch.notify.message.Message;

/**
 * A message addressed to a topic, about to enter the outbox.
 *
 * @param topic where it goes
 * @param message what it says, written in the topic's format
 */
public record Delivery(Topic topic, Message message) {}
