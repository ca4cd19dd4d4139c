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
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.sns.SnsClient;
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
            .socketTimeout(config.aws().attemptTimeout())
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
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(config.aws().attemptTimeout())
        .apiCallTimeout(config.aws().callTimeout())
        .retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.aws().maxAttempts())
                .build())
        .addExecutionInterceptor(meter)
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
              target.externalId().ifPresent(r::externalId);
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
