package io.stackwatch.aws;

import io.stackwatch.aws.AwsConfig.Source;
import io.stackwatch.catalog.AwsTarget;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds and keeps the AWS SDK clients, one set per {@link AwsTarget} (region and role). Every
 * client has explicit timeouts, standard retries with backoff and jitter, and the {@link
 * ApiCallMeter}. With {@code stackwatch.source=simulator} they all talk to the built-in simulator.
 */
@Singleton
public class AwsClients {

  private final AwsConfig config;
  private final ApiCallMeter meter;
  private final Supplier<URI> simulatorEndpoint;
  private final SdkHttpClient http;
  private final Map<Object, SdkAutoCloseable> clients = new HashMap<>();

  public AwsClients(AwsConfig config, ApiCallMeter meter, SimulatorEndpoint simulator) {
    this.config = config;
    this.meter = meter;
    this.simulatorEndpoint = simulator::uri;
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(config.aws().connectTimeout())
            // A backstop only: the SDK's attempt timeout ends a slow attempt first, so it is
            // counted a timeout; a socket timeout at the same instant read as an I/O error.
            .socketTimeout(config.aws().attemptTimeout().multipliedBy(2))
            .build();
  }

  public CloudWatchClient cloudWatch(AwsTarget target) {
    return client(target, CloudWatchClient.class, CloudWatchClient::builder);
  }

  public CostExplorerClient costExplorer(AwsTarget target) {
    return client(target, CostExplorerClient.class, CostExplorerClient::builder);
  }

  public SnsClient sns(AwsTarget target) {
    return client(target, SnsClient.class, SnsClient::builder);
  }

  public CloudWatchLogsClient logs(AwsTarget target) {
    return client(target, CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
  }

  public Ec2Client ec2(AwsTarget target) {
    return client(target, Ec2Client.class, Ec2Client::builder);
  }

  public RdsClient rds(AwsTarget target) {
    return client(target, RdsClient.class, RdsClient::builder);
  }

  /** An STS client with the target's own credentials (a role's, once assumed). */
  public StsClient sts(AwsTarget target) {
    return client(target, StsClient.class, StsClient::builder);
  }

  public ResourceGroupsTaggingApiClient tagging(AwsTarget target) {
    return client(
        target, ResourceGroupsTaggingApiClient.class, ResourceGroupsTaggingApiClient::builder);
  }

  public SqsClient sqs(AwsTarget target) {
    return client(target, SqsClient.class, SqsClient::builder);
  }

  /**
   * A setting's value, or, for {@code secretsmanager:<secret-id>} (optionally {@code #<json-key>}
   * for a JSON secret such as RDS writes), the secret read from Secrets Manager, in the region of
   * the secret's ARN, else {@code AWS_REGION}. Read once and kept in memory; never logged.
   *
   * @param setting the setting's name, for the error message
   * @throws IllegalStateException naming the setting and the secret id, never a value
   */
  public String secret(String setting, String value) {
    if (value == null || !value.startsWith(SECRETS_MANAGER)) {
      return value;
    }
    return secrets.computeIfAbsent(value, v -> readSecret(setting, v));
  }

  private static final String SECRETS_MANAGER = "secretsmanager:";

  private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  private String readSecret(String setting, String reference) {
    String id = reference.substring(SECRETS_MANAGER.length());
    String key = null;
    int hash = id.indexOf('#');
    if (hash >= 0) {
      key = id.substring(hash + 1);
      id = id.substring(0, hash);
    }
    String[] arn = id.split(":", -1);
    String region =
        arn.length > 3 && id.startsWith("arn:")
            ? arn[3]
            : Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
    // Not metered: read once at start-up, outside the watched stack's calls.
    SecretsManagerClient client =
        SecretsManagerClient.builder()
            .region(Region.of(region))
            .credentialsProvider(
                credentials(new AwsTarget(region, Optional.empty(), Optional.empty())))
            .httpClient(http)
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(config.aws().callTimeout())
                    .build())
            .applyMutation(b -> endpoint().ifPresent(b::endpointOverride))
            .build();
    try (client) {
      String secret = client.getSecretValue(r -> r.secretId(idOf(reference))).secretString();
      if (secret == null) {
        throw new IllegalStateException(
            setting + ": secret " + id + " in Secrets Manager holds no SecretString");
      }
      return key == null ? secret : jsonMember(setting, id, secret, key);
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new IllegalStateException(
          setting + ": cannot read secret " + id + " from Secrets Manager: " + e.getMessage(), e);
    }
  }

  private static String idOf(String reference) {
    String id = reference.substring(SECRETS_MANAGER.length());
    int hash = id.indexOf('#');
    return hash >= 0 ? id.substring(0, hash) : id;
  }

  private static String jsonMember(String setting, String id, String secret, String key) {
    try {
      com.fasterxml.jackson.databind.JsonNode node =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(secret).get(key);
      if (node == null || !node.isValueNode()) {
        throw new IllegalStateException(
            setting + ": secret " + id + " has no member " + key + " (a JSON object expected)");
      }
      return node.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Jackson's message would quote the secret: say only what is wrong.
      throw new IllegalStateException(
          setting + ": secret " + id + " is not a JSON object, so #" + key + " cannot be read");
    }
  }

  /**
   * Built once per type and target; synchronized rather than computeIfAbsent, which may not
   * recurse.
   */
  private synchronized <
          C extends SdkAutoCloseable, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>>
      C client(AwsTarget target, Class<C> type, Supplier<B> builder) {
    ClientKey key = new ClientKey(type, target);
    SdkAutoCloseable client = clients.get(key);
    if (client == null) {
      B b =
          builder
              .get()
              .region(Region.of(target.region()))
              .credentialsProvider(credentials(target))
              .overrideConfiguration(overrides())
              .httpClient(http);
      endpoint().ifPresent(b::endpointOverride);
      client = b.build();
      clients.put(key, client);
    }
    return type.cast(client);
  }

  private ClientOverrideConfiguration overrides() {
    return meter
        .install(ClientOverrideConfiguration.builder())
        .apiCallAttemptTimeout(config.aws().attemptTimeout())
        .apiCallTimeout(config.aws().callTimeout())
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.aws().maxAttempts())
                .build())
        .addExecutionInterceptor(new AwsErrors.Readable())
        .addExecutionInterceptor(new QueryFormBody())
        .build();
  }

  private Optional<URI> endpoint() {
    return config.source() == Source.SIMULATOR
        ? Optional.of(simulatorEndpoint.get())
        : config.aws().endpoint();
  }

  /**
   * The standard chain, or the simulator's dummy keys; and for a target with a role, that role
   * assumed through STS (the simulator's STS too, so a refused role can be played there).
   */
  private AwsCredentialsProvider credentials(AwsTarget target) {
    if (target.roleArn().isEmpty()) {
      return config.source() == Source.SIMULATOR
          ? StaticCredentialsProvider.create(AwsBasicCredentials.create("stackwatch", "simulator"))
          : DefaultCredentialsProvider.builder().build();
    }
    StsClient sts =
        client(
            new AwsTarget(target.region(), Optional.empty(), Optional.empty()),
            StsClient.class,
            StsClient::builder);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            r -> {
              r.roleArn(target.roleArn().get()).roleSessionName("stackwatch");
              target
                  .externalId()
                  .ifPresent(
                      id -> r.externalId(secret("external-id of " + target.roleArn().get(), id)));
            })
        .build();
  }

  @PreDestroy
  public void close() {
    clients.values().forEach(SdkAutoCloseable::close);
    http.close();
  }

  private record ClientKey(Class<?> type, AwsTarget target) {}
}
