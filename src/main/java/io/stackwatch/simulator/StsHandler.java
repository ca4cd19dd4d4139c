package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Simulated STS ({@code sts}, API 2011-06-15, Query protocol): AssumeRole, answering temporary
 * credentials for any well-formed role ARN, valid for an hour. The other simulated services do not
 * check credentials, so these work everywhere; a fault ({@link Faults#accessDenied} with {@link
 * Faults.Fault#whenBodyContains} and a role ARN) refuses one role, as AWS refuses a role whose
 * trust policy does not name the caller.
 */
public final class StsHandler implements ServiceHandler {

  /** STS's XML namespace. */
  public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final Clock clock;
  private volatile Duration lifetime = Duration.ofHours(1);

  StsHandler(Clock clock) {
    this.clock = clock;
  }

  /**
   * How long the credentials it hands out last, in real time (the SDK checks expiry against the
   * real clock). Zero makes the SDK assume the role again for every call. Default 1 hour.
   */
  public StsHandler credentialLifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  @Override
  public SimResponse handle(SimRequest request) {
    QueryForm form = request.form();
    String action = operation(request);
    if (!action.equals("AssumeRole")) {
      throw ServiceException.sender(
          "InvalidAction",
          "The action " + action + " is not valid for this web service (or not simulated).");
    }
    String role = form.get("RoleArn");
    String session = form.get("RoleSessionName");
    if (role == null || !ROLE_ARN.matcher(role).matches()) {
      throw ServiceException.sender(
          "ValidationError", "Value '" + role + "' at 'roleArn' failed to satisfy constraint");
    }
    if (session == null || session.isEmpty()) {
      throw ServiceException.sender(
          "ValidationError", "Value null at 'roleSessionName' failed to satisfy constraint");
    }
    String account = role.split(":")[4];
    String roleName = role.substring(role.lastIndexOf('/') + 1);
    // The SDK checks expiry against the real clock, not the simulated one.
    Instant expires = Instant.now().plus(lifetime);
    return protocol.result(
        "AssumeRole",
        600,
        xml ->
            xml.open("Credentials")
                .element("AccessKeyId", "ASIASIMULATOR" + account.substring(8))
                .element("SecretAccessKey", "simulator-secret")
                .element("SessionToken", "simulator-session-" + roleName)
                .element("Expiration", expires.toString())
                .close("Credentials")
                .open("AssumedRoleUser")
                .element("AssumedRoleId", "AROASIMULATOR:" + session)
                .element(
                    "Arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session)
                .close("AssumedRoleUser"));
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(operation, 0, xml -> {});
  }
}
