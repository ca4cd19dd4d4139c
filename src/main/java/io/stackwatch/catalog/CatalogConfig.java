package io.stackwatch.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environments stackwatch watches, under {@code stackwatch.environments.<name>}. Every resource
 * name defaults to the naming convention of {@link ResourceNames}; set a key only where the stack
 * differs from it.
 */
@ConfigMapping(prefix = "stackwatch")
public interface CatalogConfig {

  /** The watched environments by name. */
  Map<String, EnvironmentConfig> environments();

  /** Display order on pages; environments not listed follow alphabetically. */
  @WithDefault("prod,staging,dev")
  List<String> order();

  /** One environment of the stack. */
  interface EnvironmentConfig {

    /** AWS region of the environment. Default {@code us-east-1}. */
    @WithDefault("us-east-1")
    String region();

    /** Role assumed (STS AssumeRole) to read this environment; none uses the default chain. */
    Optional<String> roleArn();

    /** External id required by the role's trust policy, if any. Never shown or logged. */
    Optional<String> externalId();

    /** Monthly budget in US dollars. Default 100. */
    @WithDefault("100")
    BigDecimal monthlyBudget();

    /** Allocated storage of the RDS instance in GB. Default 20. */
    @WithDefault("20")
    int allocatedStorageGb();

    /** Resource names; each defaults to the naming convention. */
    ResourcesConfig resources();
  }

  /** Resource names and sizes of one environment; absent names follow the convention. */
  interface ResourcesConfig {

    /** RDS instance identifier. Default {@code <env>-db}. */
    Optional<String> rdsInstance();

    /** ElastiCache replication group id. Default {@code <env>-redis}. */
    Optional<String> cacheReplicationGroup();

    /** Number of cache nodes; node ids are {@code <group>-001}, {@code -002}, ... Default 1. */
    @WithDefault("1")
    int cacheNodes();

    /**
     * Cache node ids (cache cluster ids), such as {@code sessions-0001-001} in cluster mode,
     * overriding the count and convention.
     */
    Optional<List<String>> cacheNodeIds();

    /** ECS cluster name. Default {@code <env>-cluster}. */
    Optional<String> ecsCluster();

    /** ECS service name. Default {@code <env>-app}. */
    Optional<String> ecsService();

    /** Lambda function names. Default {@code <env>-api, <env>-worker}. */
    Optional<List<String>> lambdaFunctions();

    /** API Gateway HTTP API id. Default {@code <env>-http-api}; AWS assigns real ids. */
    Optional<String> httpApiId();

    /** HTTP API stage. Default {@code $default}. */
    @WithDefault("$default")
    String httpApiStage();

    /** ALB dimension value {@code app/<name>/<id>}. Default {@code app/<env>-alb/default}. */
    Optional<String> loadBalancer();

    /**
     * Target group dimension values ({@code targetgroup/<name>/<id>}), one or several. Default
     * {@code targetgroup/<env>-tg/default}.
     */
    Optional<List<String>> targetGroup();

    /** Whether the environment has a CloudFront distribution. Default true. */
    @WithDefault("true")
    boolean cloudfront();

    /** CloudFront distribution id. Default {@code <env>-cdn}; AWS assigns real ids. */
    Optional<String> cloudfrontDistribution();

    /** SQS queues. Default {@code <env>-processing}, {@code <env>-email}. */
    Optional<List<String>> queues();

    /** Dead-letter queues, whatever their names. Default {@code <queue>-dlq} of each queue. */
    Optional<List<String>> deadLetterQueues();

    /** Number of NAT gateways, named {@code <env>-nat-1}, ... unless listed. Default 1. */
    @WithDefault("1")
    int natGateways();

    /** NAT gateway ids, overriding the count and convention. */
    Optional<List<String>> natGatewayIds();
  }
}
