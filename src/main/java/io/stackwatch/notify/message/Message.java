package io.stackwatch.notify.message;

import io.stackwatch.alarm.Severity;

/**
 * A message written for one topic format, before it enters the outbox.
 *
 * @param environment its {@code environment} attribute
 * @param event its {@code event} attribute
 * @param severity its {@code severity} attribute: the highest of the alarms it tells of
 * @param subject the Subject, plain ASCII, under SNS's limit
 * @param body the Message
 */
public record Message(
    String environment, NotificationEvent event, Severity severity, String subject, String body) {}
