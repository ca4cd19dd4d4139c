package io.stackwatch.web.page;

import io.quarkus.security.identity.SecurityIdentity;
import io.stackwatch.security.Role;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Who asks for a change and from where: the signed-in name and the client's address (the forwarded
 * one when {@code quarkus.http.proxy.proxy-address-forwarding} trusts the load balancer).
 *
 * @param user the signed-in name
 * @param address the client's address
 */
record Actor(String user, String address) {

  static Actor of(SecurityIdentity identity, HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return new Actor(
        identity.getPrincipal().getName(),
        remote == null
            ? "unknown"
            : remote.hostAddress() == null ? remote.host() : remote.hostAddress());
  }

  /** Whether the person may act as an operator: acknowledge, send a test notification. */
  static boolean canOperate(SecurityIdentity identity) {
    return identity.hasRole(Role.OPERATOR_NAME);
  }

  /** Whether the person is an admin. */
  static boolean isAdmin(SecurityIdentity identity) {
    return identity.hasRole(Role.ADMIN_NAME);
  }
}
