package io.stackwatch.aws;

import io.stackwatch.catalog.AwsTarget;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The AWS account each set of credentials belongs to, as STS {@code GetCallerIdentity} answers (for
 * a role, the role's account once assumed). Asked once per target; a failure is remembered with its
 * reason and asked again next time.
 */
@Singleton
public class CallerIdentity {

  private final AwsClients clients;
  private final Map<AwsTarget, String> accounts = new ConcurrentHashMap<>();

  public CallerIdentity(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * The account of a target's credentials.
   *
   * @throws IllegalStateException saying why STS could not tell
   */
  public String account(AwsTarget target) {
    String known = accounts.get(target);
    if (known != null) {
      return known;
    }
    try {
      String account = clients.sts(target).getCallerIdentity().account();
      accounts.put(target, account);
      return account;
    } catch (SdkException e) {
      throw new IllegalStateException("STS GetCallerIdentity failed: " + AwsErrors.describe(e), e);
    }
  }
}
