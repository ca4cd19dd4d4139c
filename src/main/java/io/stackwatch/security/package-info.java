/**
 * Sign-in modes (open, users, OpenID Connect), roles, password hashes and the security headers of
 * every answer; how guessing is slowed (per name and per address, a bounded number of password
 * checks at once) and how someone not signed in is asked to (401 JSON on the API, the form for
 * pages); and what is refused before any page runs: URLs a cookie cannot hold, bodies that arrive
 * too slowly.
 */
package io.stackwatch.security;
