package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Simulated STS ({@code sts}, API 2011-06-15, Query protocol): AssumeRole, answering temporary
 * credentials for any well-formed role ARN, valid for an hour, and GetCallerIdentity, answering the
 * account of the credentials that signed the call: the assumed role's account for credentials from
 * AssumeRole, otherwise the base account ({@link #account(String)}, default {@value
 * SnsHandler#ACCOUNT}). The other simulated services do not check credentials, so these work
 * everywhere; a fault ({@link Faults#accessDenied} with {@link Faults.Fault#whenBodyContains} and a
 * role ARN) refuses one role, as AWS refuses a role whose trust policy does not name the caller.
 */
public final class StsHandler implements ServiceHandler {

  /** STS's XML namespace. */
  public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final Clock clock;
  private final Identities identities;
  private volatile Duration lifetime = Duration.ofHours(1);

  StsHandler(Clock clock, Identities identities) {
    this.clock = clock;
    this.identities = identities;
  }

  /**
   * How long the credentials it hands out last, in real time (the SDK checks expiry against the
   * real clock). Zero makes the SDK assume the role again for every call. Default 1 hour.
   */
  public StsHandler credentialLifetime(Duration lifetime) {
    this.lifetime = lifetime;
    return this;
  }

  /**
   * The account of the simulator's base credentials (any access key AssumeRole did not hand out):
   * what GetCallerIdentity answers for them, and the account of the topics SNS creates for them.
   * Set it right after start; topics created before keep their ARNs. Default {@value
   * SnsHandler#ACCOUNT}.
   *
   * @param account 12 digits
   */
  public StsHandler account(String account) {
    identities.baseAccount(account);
    return this;
  }

  /** The account of the simulator's base credentials. */
  public String account() {
    return identities.baseAccount();
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String action = operation(request);
    return switch (action) {
      case "AssumeRole" -> assumeRole(request.form());
      case "GetCallerIdentity" -> callerIdentity(request);
      default ->
          throw ServiceException.sender(
              "InvalidAction",
              "The action " + action + " is not valid for this web service (or not simulated).");
    };
  }

  private SimResponse assumeRole(QueryForm form) {
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
    String accessKey = identities.assume(account, roleName, session);
    // The SDK checks expiry against the real clock, not the simulated one.
    Instant expires = Instant.now().plus(lifetime);
    return protocol.result(
        "AssumeRole",
        600,
        xml ->
            xml.open("Credentials")
                .element("AccessKeyId", accessKey)
                .element("SecretAccessKey", "simulator-secret")
                .element("SessionToken", "simulator-session-" + roleName)
                .element("Expiration", expires.toString())
                .close("Credentials")
                .open("AssumedRoleUser")
                .element("AssumedRoleId", identities.roleId(account, roleName) + ":" + session)
                .element(
                    "Arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session)
                .close("AssumedRoleUser"));
  }

  private SimResponse callerIdentity(SimRequest request) {
    Identities.Caller caller = identities.caller(request);
    return protocol.result(
        "GetCallerIdentity",
        300,
        xml ->
            xml.element("Arn", caller.arn())
                .element("UserId", caller.userId())
                .element("Account", caller.account()));
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
