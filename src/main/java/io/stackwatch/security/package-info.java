/**
 * Sign-in modes (open, users, OpenID Connect), roles, password hashes and the security headers of
 * every answer.
 */
package io.stackwatch.security;
