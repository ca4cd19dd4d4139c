package io.stackwatch.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The resources of one environment, names resolved from configuration and the naming convention.
 *
 * @param rdsInstance RDS instance identifier
 * @param cacheReplicationGroup ElastiCache replication group id
 * @param cacheNodes cache cluster ids of the group's nodes
 * @param ecsCluster ECS cluster name
 * @param ecsService ECS service name
 * @param lambdaFunctions Lambda function names
 * @param httpApiId API Gateway HTTP API id
 * @param httpApiStage its stage
 * @param loadBalancer ALB dimension value ({@code app/name/id})
 * @param targetGroup target group dimension value ({@code targetgroup/name/id})
 * @param cloudfrontDistribution CloudFront distribution id, empty where there is none
 * @param queues SQS queues, each with its dead-letter queue
 * @param natGateways NAT gateway ids
 */
public record Resources(
    String rdsInstance,
    String cacheReplicationGroup,
    List<String> cacheNodes,
    String ecsCluster,
    String ecsService,
    List<String> lambdaFunctions,
    String httpApiId,
    String httpApiStage,
    String loadBalancer,
    String targetGroup,
    Optional<String> cloudfrontDistribution,
    List<Queue> queues,
    List<String> natGateways) {

  /** An SQS queue and its dead-letter queue. */
  public record Queue(String name, String deadLetterQueue) {}
}
