package io.stackwatch.security;

import java.util.List;
import java.util.Locale;

/**
 * What a signed-in person may do. Each role includes the ones below it: an admin is also an
 * operator and a viewer.
 */
public enum Role {
  /** Every page and the JSON API. */
  VIEWER,
  /** Sign-offs, acknowledging alarms, sending a test notification. */
  OPERATOR,
  /** Reloading rules, reading the audit trail. */
  ADMIN;

  public static final String VIEWER_NAME = "viewer";
  public static final String OPERATOR_NAME = "operator";
  public static final String ADMIN_NAME = "admin";

  /** As written in configuration and checked by {@code @RolesAllowed}, such as {@code viewer}. */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This role and every role it includes. */
  public List<Role> withIncluded() {
    return List.of(values()).subList(0, ordinal() + 1);
  }

  /**
   * The role of a configured name.
   *
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role of(String name) {
    for (Role r : values()) {
      if (r.roleName().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + name + "'; roles are viewer, operator, admin");
  }
}
