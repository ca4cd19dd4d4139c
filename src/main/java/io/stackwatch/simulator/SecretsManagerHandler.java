package io.stackwatch.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated Secrets Manager ({@code secretsmanager}, AWS JSON 1.1, target prefix {@code
 * secretsmanager}): GetSecretValue of the secrets a test or demo put in, by name or ARN, as a
 * {@code SecretString}; any other id answers {@code ResourceNotFoundException} as AWS does.
 */
public final class SecretsManagerHandler implements ServiceHandler {

  /** The {@code X-Amz-Target} prefix of Secrets Manager operations. */
  public static final String TARGET_PREFIX = "secretsmanager";

  private final JsonProtocol protocol = new JsonProtocol(TARGET_PREFIX);
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  SecretsManagerHandler() {}

  /** Stores a secret under its name, in us-east-1 of the simulator's account. */
  public SecretsManagerHandler put(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** The ARN AWS would give the secret: its name and six random characters. */
  public static String arn(String name) {
    return "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + name + "-AbCdEf";
  }

  @Override
  public String operation(SimRequest request) {
    return protocol.operation(request);
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String operation = operation(request);
    if (!operation.equals("GetSecretValue")) {
      throw ServiceException.sender(
          "UnknownOperationException",
          "The operation " + operation + " is not simulated; the simulator answers GetSecretValue");
    }
    String secretId = protocol.body(request).path("SecretId").textValue();
    if (secretId == null || secretId.isEmpty()) {
      throw ServiceException.sender(
          "InvalidParameterException", "You must provide a value for the SecretId parameter.");
    }
    String name = nameOf(secretId);
    String value = secrets.get(name);
    if (value == null) {
      throw ServiceException.sender(
          "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    return protocol.result(
        json ->
            json.put("ARN", arn(name))
                .put("Name", name)
                .put("VersionId", "00000000-0000-0000-0000-000000000001")
                .put("SecretString", value)
                .putArray("VersionStages")
                .add("AWSCURRENT"));
  }

  /** A secret's name from its name or full ARN ({@code ...:secret:<name>-XXXXXX}). */
  private static String nameOf(String secretId) {
    String prefix = "arn:aws:secretsmanager:";
    if (secretId.startsWith(prefix)) {
      String name = secretId.substring(secretId.indexOf(":secret:") + ":secret:".length());
      int dash = name.lastIndexOf('-');
      return dash > 0 ? name.substring(0, dash) : name;
    }
    return secretId;
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(json -> {});
  }
}
