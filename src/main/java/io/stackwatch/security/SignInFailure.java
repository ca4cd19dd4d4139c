package io.stackwatch.security;

import java.time.Instant;

/**
 * A sign-in refused: the name as typed (cut short), the client's address and why, never the
 * password. Fired as a CDI event, so the audit trail records it.
 *
 * @param user the name given
 * @param address the client's address
 * @param reason why it was refused, such as {@code wrong password}
 * @param at when
 */
public record SignInFailure(String user, String address, String reason, Instant at) {}
