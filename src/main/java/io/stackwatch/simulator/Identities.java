package io.stackwatch.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who signed a request, from the access key id in its SigV4 credential scope: the credentials
 * AssumeRole handed out, each for one role and session, or else the simulator's base credentials,
 * an IAM user of a settable account. Services that answer with the caller's account (STS, SNS
 * CreateTopic) ask here; no service checks a signature.
 */
final class Identities {

  /** The calling principal, as GetCallerIdentity describes it. */
  record Caller(String account, String arn, String userId) {}

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private volatile String baseAccount = SnsHandler.ACCOUNT;
  // Keyed by access key id; one key per role and session name, so this holds as many entries as
  // the distinct roles and sessions ever assumed.
  private final Map<String, Caller> assumed = new ConcurrentHashMap<>();

  String baseAccount() {
    return baseAccount;
  }

  void baseAccount(String account) {
    if (account == null || !account.matches("\\d{12}")) {
      throw new IllegalArgumentException("an AWS account id is 12 digits, got " + account);
    }
    this.baseAccount = account;
  }

  /** Hands out the access key id of a role session, remembering whose it is. */
  String assume(String account, String roleName, String session) {
    String accessKey = "ASIA" + key(account + ":" + roleName + "/" + session);
    assumed.put(
        accessKey,
        new Caller(
            account,
            "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session,
            roleId(account, roleName) + ":" + session));
    return accessKey;
  }

  /** The unique id AWS gives the role of a session, {@code AROA...}. */
  String roleId(String account, String roleName) {
    return "AROA" + key("role:" + account + ":" + roleName);
  }

  /** The caller whose access key signed this request. */
  Caller caller(SimRequest request) {
    String accessKey = request.accessKeyId();
    Caller caller = accessKey == null ? null : assumed.get(accessKey);
    if (caller != null) {
      return caller;
    }
    String account = baseAccount;
    return new Caller(
        account,
        "arn:aws:iam::" + account + ":user/simulator",
        "AIDA" + key("user:" + account + ":" + accessKey));
  }

  /** 16 characters of AWS's key alphabet (upper-case letters and 2-7), from a hash. */
  private static String key(String of) {
    long h = Noise.hash(of);
    StringBuilder s = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      s.append(ALPHABET.charAt((int) (h & 31)));
      h = i == 11 ? Noise.mix(h) : h >>> 5;
    }
    return s.toString();
  }
}
