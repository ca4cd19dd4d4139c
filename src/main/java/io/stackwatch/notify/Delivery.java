package io.stackwatch.notify;

/**
 * A message addressed to a topic, about to enter the outbox.
 *
 * @param topic where it goes
 * @param message what it says, written in the topic's format
 */
public record Delivery(Topic topic, Message message) {}
